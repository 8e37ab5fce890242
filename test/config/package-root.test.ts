import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/package-root.js';
import { favcrmConfigPath, resolveAppPaths } from '../../src/config/paths.js';

describe('package root', () => {
  it('walks up past other projects to our package.json, from src or from a bundle chunk', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-root-'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'favcrm-chat' }));
    fs.mkdirSync(path.join(root, 'dist', 'nested'), { recursive: true });
    fs.writeFileSync(path.join(root, 'dist', 'nested', 'package.json'), JSON.stringify({ name: 'someone-else' }));
    expect(findPackageRoot(pathToFileURL(path.join(root, 'dist', 'nested', 'chunk.js')).href)).toBe(root);
    expect(findPackageRoot(import.meta.url)).toBe(path.resolve('.'));
  });

  it('says the installation is incomplete when there is no package.json of ours', () => {
    const lonely = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-lonely-'));
    expect(() => findPackageRoot(pathToFileURL(path.join(lonely, 'x.js')).href)).toThrow(/installation is incomplete/);
  });
});

describe('paths', () => {
  it('follow XDG and the official CLI config locations per OS (contract §1.7)', () => {
    const env = { HOME: '/home/ada', XDG_DATA_HOME: '/data', XDG_STATE_HOME: '/state', XDG_CONFIG_HOME: '/config' };
    expect(resolveAppPaths(env, 'linux')).toEqual({
      sandboxDataDir: '/data/favcrm-chat/sandbox',
      stateDir: '/state/favcrm-chat',
      favcrmConfigFile: '/config/favcrm/config.toml',
      appKeyFile: '/config/favcrm-chat/keys.json',
    });
    expect(resolveAppPaths({ HOME: '/home/ada' }, 'linux').favcrmConfigFile).toBe('/home/ada/.config/favcrm/config.toml');
    expect(favcrmConfigPath({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/io.FavCRM.favcrm/config.toml');
    expect(favcrmConfigPath({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toContain(path.join('FavCRM', 'favcrm', 'config', 'config.toml'));
  });
});
