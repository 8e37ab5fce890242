import os from 'node:os';
import path from 'node:path';

/** Where favcrm-chat and the official CLI keep things; every path honours the XDG variables. */
export interface AppPaths {
  /** Sandbox SQLite database and outbox (default `$XDG_DATA_HOME/favcrm-chat/sandbox`). */
  sandboxDataDir: string;
  /** Conversation and pending signup (default `$XDG_STATE_HOME/favcrm-chat`). */
  stateDir: string;
  /** The official `favcrm` CLI's config file (contract §1.7), shared so `favcrm` works after signup. */
  favcrmConfigFile: string;
  /** favcrm-chat's own 0600 file of keys by endpoint: keys for endpoints other than the one config.toml is for. */
  appKeyFile: string;
}

type Env = Record<string, string | undefined>;

/** Resolves every path from the environment given (tests pass their own temp dirs through it). */
export function resolveAppPaths(env: Env = process.env, platform: NodeJS.Platform = process.platform): AppPaths {
  const home = homeDirectory(env);
  const dataHome = xdgDirectory(env.XDG_DATA_HOME) ?? path.join(home, '.local', 'share');
  const stateHome = xdgDirectory(env.XDG_STATE_HOME) ?? path.join(home, '.local', 'state');
  return {
    sandboxDataDir: path.join(dataHome, 'favcrm-chat', 'sandbox'),
    stateDir: path.join(stateHome, 'favcrm-chat'),
    favcrmConfigFile: favcrmConfigPath(env, platform, home),
    appKeyFile: appKeyFilePath(env, platform, home),
  };
}

/** Mirrors `ProjectDirs::from("io","FavCRM","favcrm").config_dir()` of the `directories` crate. */
export function favcrmConfigPath(env: Env, platform: NodeJS.Platform, home: string): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'io.FavCRM.favcrm', 'config.toml');
  if (platform === 'win32') {
    const appData = env.APPDATA || path.join(home, 'AppData', 'Roaming');
    return path.join(appData, 'FavCRM', 'favcrm', 'config', 'config.toml');
  }
  const configHome = xdgDirectory(env.XDG_CONFIG_HOME) ?? path.join(home, '.config');
  return path.join(configHome, 'favcrm', 'config.toml');
}

/** Next to the official CLI's directory, under favcrm-chat's own name. */
function appKeyFilePath(env: Env, platform: NodeJS.Platform, home: string): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'favcrm-chat', 'keys.json');
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'favcrm-chat', 'keys.json');
  return path.join(xdgDirectory(env.XDG_CONFIG_HOME) ?? path.join(home, '.config'), 'favcrm-chat', 'keys.json');
}

/**
 * `$HOME`, or the account's home from the user database when it is unset or empty: what the `dirs` crate behind
 * the official CLI does, so both find the same config.toml.
 */
function homeDirectory(env: Env): string {
  if (env.HOME) return env.HOME;
  try {
    return os.userInfo().homedir;
  } catch {
    return os.homedir();
  }
}

/** An XDG base directory variable, ignored when empty or relative (the XDG spec, and the `directories` crate). */
function xdgDirectory(value: string | undefined): string | undefined {
  return value && path.isAbsolute(value) ? value : undefined;
}
