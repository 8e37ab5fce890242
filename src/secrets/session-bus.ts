import fs from 'node:fs';
import path from 'node:path';

type Env = Record<string, string | undefined>;

/**
 * Why the Secret Service cannot be reached at all, or null when it might be. On Linux and the BSDs the keyring is
 * the Secret Service (keyring-store.ts pins `secret-service`), which lives on the D-Bus session bus. With no bus
 * address, no `$XDG_RUNTIME_DIR/bus` socket and no X display to autolaunch one, the probe child (node start, native
 * module, a failed connect: ~250 ms) can only fail, so it is not started. macOS and Windows keyrings need no bus.
 */
export function missingSessionBus(env: Env, platform: NodeJS.Platform = process.platform, uid = process.getuid?.()): string | null {
  if (platform === 'darwin' || platform === 'win32') return null;
  if (env.DBUS_SESSION_BUS_ADDRESS?.trim()) return null;
  // X11 autolaunch can start a bus on demand.
  if (env.DISPLAY?.trim()) return null;
  const runtimeDirectories = [env.XDG_RUNTIME_DIR?.trim(), uid === undefined ? undefined : `/run/user/${uid}`];
  for (const directory of runtimeDirectories) {
    if (directory && fs.existsSync(path.join(directory, 'bus'))) return null;
  }
  return 'no D-Bus session bus for the Secret Service';
}
