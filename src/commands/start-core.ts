import type { AppOptions } from '../app/app-options.js';
import type { LoadedScript } from '../app/cached-script.js';
import type { AppContext } from '../app/create-agent-session.js';
import { type CoreModule, loadCore } from '../app/load-core.js';
import type { AppPaths } from '../config/paths.js';
import type { KeyStorePreference } from '../secrets/key-store-preference.js';

/**
 * Loads the core and builds the session the way every command that talks to FavCRM does (headless, doctor,
 * tool): the keyring probe (a child process) starts first, so it runs while the core loads.
 */
export async function startCore(options: AppOptions, env: NodeJS.ProcessEnv, paths: AppPaths, keyStore: KeyStorePreference | undefined): Promise<{ app: AppContext; core: LoadedScript<CoreModule> }> {
  const { beginEarlyStart } = await import('../app/early-start.js');
  const early = await beginEarlyStart(keyStore, env);
  const core = await loadCore();
  const app = await core.exports.createAgentSession(options, env, paths, early);
  saveCodeCacheWhenReady(app.session, core);
  return { app, core };
}

/**
 * The core's code cache holds what was compiled when it is written: after `session-ready` that is the whole way to
 * ready (connect, tool discovery, state restore). Written once, on the first start of a build; a no-op after.
 */
export function saveCodeCacheWhenReady(session: AppContext['session'], core: LoadedScript<CoreModule>): void {
  const unsubscribe = session.subscribe((event) => {
    if (event.type !== 'session-ready') return;
    unsubscribe();
    setImmediate(() => core.saveCodeCache());
  });
}
