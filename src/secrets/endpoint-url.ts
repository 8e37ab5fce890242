import { isLoopbackHostname } from '../config/loopback.js';

/** A URL, or null when it is not one. */
export function parseUrl(url: string | undefined): URL | null {
  if (url === undefined) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Same scheme, host, port and path (a trailing slash and the host's case aside): keys are kept per endpoint. */
export function sameEndpoint(a: string | undefined, b: string | undefined): boolean {
  const left = parseUrl(a);
  const right = parseUrl(b);
  if (!left || !right) return false;
  const path = (url: URL) => url.pathname.replace(/\/+$/, '');
  return left.protocol === right.protocol && left.host.toLowerCase() === right.host.toLowerCase() && path(left) === path(right);
}

/** True for an endpoint on this machine (a sandbox). */
export function isLoopbackUrl(url: string | undefined): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && isLoopbackHostname(parsed.hostname);
}

/** The port of a URL, its scheme's default when none is written. */
export function portOf(url: string | undefined): number | null {
  const parsed = parseUrl(url);
  if (!parsed) return null;
  return parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
}
