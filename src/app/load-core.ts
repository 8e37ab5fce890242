import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCachedScript, type LoadedScript } from './cached-script.js';
import { codeCacheMode, type CodeCacheMode } from './code-cache.js';

export type CoreModule = typeof import('./core.js');

/** Made by scripts/cached-script.mjs next to the bundle; absent when running the TypeScript sources. */
export const CORE_SCRIPT = 'core.script.js';

/**
 * Loads the core (agent session, headless mode, the embedded sandbox): on Node 20 from the bundle a script compiled
 * with V8's code cache, so from the second start on "ready" skips parsing and compiling the AI SDK, the MCP SDK and
 * zod; otherwise the ES module (which Node's own compile cache covers on Node 22+).
 */
export function loadCore(directory = path.dirname(fileURLToPath(import.meta.url)), mode: CodeCacheMode = codeCacheMode()): Promise<LoadedScript<CoreModule>> {
  return loadCachedScript<CoreModule>(directory, CORE_SCRIPT, () => import('./core.js'), mode);
}
