import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPaths } from '../../src/config/paths.js';

describe('resolveAppPaths', () => {
  it('follows the XDG variables on Linux, config.toml where the official CLI reads it', () => {
    expect(resolveAppPaths({ HOME: '/home/ada', XDG_CONFIG_HOME: '/cfg', XDG_DATA_HOME: '/data', XDG_STATE_HOME: '/state' }, 'linux')).toEqual({
      sandboxDataDir: '/data/favcrm-chat/sandbox',
      stateDir: '/state/favcrm-chat',
      favcrmConfigFile: '/cfg/favcrm/config.toml',
      appKeyFile: '/cfg/favcrm-chat/keys.json',
    });
  });

  it('ignores relative or empty XDG variables, as the XDG spec and the CLI\'s `directories` crate do', () => {
    expect(resolveAppPaths({ HOME: '/home/ada', XDG_CONFIG_HOME: 'relcfg', XDG_DATA_HOME: '', XDG_STATE_HOME: './s' }, 'linux')).toEqual({
      sandboxDataDir: '/home/ada/.local/share/favcrm-chat/sandbox',
      stateDir: '/home/ada/.local/state/favcrm-chat',
      favcrmConfigFile: '/home/ada/.config/favcrm/config.toml',
      appKeyFile: '/home/ada/.config/favcrm-chat/keys.json',
    });
  });

  it('takes the account\'s home from the user database when HOME is empty', () => {
    expect(resolveAppPaths({ HOME: '' }, 'linux').favcrmConfigFile).toBe(path.join(os.userInfo().homedir, '.config', 'favcrm', 'config.toml'));
  });

  it('uses the macOS and Windows locations of the `directories` crate', () => {
    expect(resolveAppPaths({ HOME: '/Users/ada' }, 'darwin').favcrmConfigFile).toBe('/Users/ada/Library/Application Support/io.FavCRM.favcrm/config.toml');
    expect(resolveAppPaths({ HOME: 'C:\\Users\\ada', APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32').favcrmConfigFile).toBe(
      path.join('C:\\Users\\ada\\AppData\\Roaming', 'FavCRM', 'favcrm', 'config', 'config.toml'),
    );
  });
});
