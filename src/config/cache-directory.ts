import os from 'node:os';
import path from 'node:path';

type Env = Record<string, string | undefined>;

/**
 * favcrm-chat's own cache directory, by each platform's convention: `$XDG_CACHE_HOME/favcrm-chat` (else
 * `~/.cache/favcrm-chat`) on Linux, `~/Library/Caches/favcrm-chat` on macOS, `%LOCALAPPDATA%\favcrm-chat\Cache` on
 * Windows. Only things that can be rebuilt go here (compiled code); deleting it is always safe.
 */
export function cacheDirectory(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME || os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'favcrm-chat');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'favcrm-chat', 'Cache');
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache'), 'favcrm-chat');
}
