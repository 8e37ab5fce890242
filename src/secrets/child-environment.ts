type Env = Record<string, string | undefined>;

/**
 * What a helper process (the keyring probe) needs to find the OS keyring and run Node, and nothing else: no
 * NODE_OPTIONS (which would run code in it), no FavCRM or OpenAI keys, no proxies.
 */
const PASSED_TO_CHILDREN = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'LC_ALL',
  'TMPDIR',
  'TMP',
  'TEMP',
  // The Secret Service lives on the D-Bus session bus.
  'DBUS_SESSION_BUS_ADDRESS',
  'XDG_RUNTIME_DIR',
  'DISPLAY',
  'WAYLAND_DISPLAY',
  // Windows needs these to load native modules and find the credential store.
  'SYSTEMROOT',
  'SystemRoot',
  'WINDIR',
  'APPDATA',
  'LOCALAPPDATA',
  'USERPROFILE',
  'COMSPEC',
  'PATHEXT',
];

/** A minimal environment for a child process, from `env`. */
export function childEnvironment(env: Env): Record<string, string> {
  const minimal: Record<string, string> = {};
  for (const name of PASSED_TO_CHILDREN) {
    const value = env[name];
    if (value !== undefined) minimal[name] = value;
  }
  return minimal;
}
