import fs from 'node:fs';
import path from 'node:path';

// What a sandbox already running on a loopback port says about itself at `GET /` (src/sandbox/server.ts): kept
// apart from embedded-sandbox.ts so asking costs no SQLite or sandbox code.

/** A FavCRM sandbox answering on `port`, with its data directory when it says (older ones do not), or null. */
export async function runningSandboxData(port: number): Promise<{ dataDirectory?: string } | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
    if (!response.ok) return null;
    const info = (await response.json()) as { name?: unknown; mcp?: unknown; dataDirectory?: unknown };
    if (typeof info.name !== 'string' || typeof info.mcp !== 'string') return null;
    return typeof info.dataDirectory === 'string' ? { dataDirectory: info.dataDirectory } : {};
  } catch {
    return null;
  }
}

/** Same directory even when one path goes through a symlink (macOS /tmp) or is written differently. */
export function sameDirectory(a: string, b: string): boolean {
  const real = (directory: string) => {
    try {
      return fs.realpathSync(directory);
    } catch {
      return path.resolve(directory);
    }
  };
  return real(a) === real(b);
}
