import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCachedScript, type LoadedScript } from './cached-script.js';

export type CoreModule = typeof import('./core.js');

/** Made by scripts/cached-script.mjs next to the bundle; absent when running the TypeScript sources. */
export const CORE_SCRIPT = 'core.script.js';

/**
 * Loads the core (agent session, headless mode, the embedded sandbox): in the bundle a script compiled with V8's
 * code cache, so from the second start on "ready" skips parsing and compiling the AI SDK, the MCP SDK and zod;
 * from the sources, the ES module.
 */
export function loadCore(directory = path.dirname(fileURLToPath(import.meta.url))): Promise<LoadedScript<CoreModule>> {
  return loadCachedScript<CoreModule>(directory, CORE_SCRIPT, () => import('./core.js'));
}
