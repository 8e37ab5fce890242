import os from 'node:os';
import type { ConnectPlace } from './connect-types.js';

type Env = Record<string, string | undefined>;

/**
 * Where client configs are looked for: `$HOME` (or `%USERPROFILE%` on Windows), else the account's home, so a test
 * or a person can point every client at another directory with one variable.
 */
export function resolveConnectPlace(env: Env, platform: NodeJS.Platform = process.platform, cwd: string = process.cwd()): ConnectPlace {
  const home = env.HOME || (platform === 'win32' ? env.USERPROFILE : undefined) || accountHome();
  return { env, platform, cwd, home };
}

function accountHome(): string {
  try {
    return os.userInfo().homedir;
  } catch {
    return os.homedir();
  }
}
