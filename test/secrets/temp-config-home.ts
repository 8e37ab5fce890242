import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveAppPaths, type AppPaths } from '../../src/config/paths.js';

export interface TempConfigHome {
  root: string;
  env: Record<string, string | undefined>;
  paths: AppPaths;
  cleanup(): Promise<void>;
}

/** A throwaway HOME and XDG_CONFIG_HOME, with the keyring switched off, so no test touches the real config. */
export async function createTempConfigHome(): Promise<TempConfigHome> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'favcrm-secrets-'));
  const env = {
    HOME: root,
    XDG_CONFIG_HOME: path.join(root, 'config'),
    XDG_DATA_HOME: path.join(root, 'data'),
    XDG_STATE_HOME: path.join(root, 'state'),
    FAVCRM_CHAT_KEYRING: 'off',
  };
  return {
    root,
    env,
    paths: resolveAppPaths(env, 'linux'),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
