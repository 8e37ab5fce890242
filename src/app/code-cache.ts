import module from 'node:module';
import path from 'node:path';
import { cacheDirectory } from '../config/cache-directory.js';

/**
 * How compiled code is kept between starts (docs/build.md, "Code cache"). One switch, FAVCRM_CHAT_CODE_CACHE:
 * - unset or `auto`: Node's own compile cache where Node has it (`module.enableCompileCache`, Node 22.1+), which
 *   caches every module compiled after it is turned on; on Node 20, which caches no ES modules, the build's
 *   hand-made path: the chat UI and the core ship a second time as classic scripts that `vm.Script` compiles from
 *   V8's `cachedData` (src/app/cached-script.ts, scripts/cached-script.mjs).
 * - `scripts`: the hand-made path on any Node (to measure or test it).
 * - `off`: no code cache at all.
 * Either way the cache lives under the user's cache directory, never in the installed package.
 */
export type CodeCacheMode = { kind: 'node-compile-cache'; directory: string } | { kind: 'v8-scripts'; directory: string } | { kind: 'off' };

const OFF: CodeCacheMode = { kind: 'off' };
let current: CodeCacheMode = OFF;

type EnableCompileCache = (directory: string) => { status: number; directory?: string };

/** The compile-cache directory for this user (one per Node version and build inside it, as V8 requires). */
export function codeCacheDirectory(env: NodeJS.ProcessEnv): string {
  return path.join(cacheDirectory(env), 'code-cache');
}

/** Decides the mode once, at the start of a run, before the heavy chunks load; returns it. */
export function enableCodeCache(env: NodeJS.ProcessEnv = process.env): CodeCacheMode {
  const setting = (env.FAVCRM_CHAT_CODE_CACHE ?? 'auto').trim().toLowerCase();
  const directory = codeCacheDirectory(env);
  const enableCompileCache = (module as unknown as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
  if (setting === 'off') current = OFF;
  else if (setting === 'scripts' || !enableCompileCache) current = { kind: 'v8-scripts', directory };
  else {
    // FAILED (an unwritable directory) and DISABLED (NODE_DISABLE_COMPILE_CACHE) leave Node's cache off: so do we.
    // ALREADY_ENABLED means the person set NODE_COMPILE_CACHE themselves, which wins.
    const result = enableCompileCache(directory);
    const { FAILED, DISABLED } = (module as unknown as { constants: { compileCacheStatus: Record<string, number> } }).constants.compileCacheStatus;
    current = result.status === FAILED || result.status === DISABLED ? OFF : { kind: 'node-compile-cache', directory: result.directory ?? directory };
  }
  return current;
}

/**
 * Writes what Node's compile cache holds so far (Node 22.10+ `module.flushCompileCache`; Node otherwise writes it at
 * exit), so a start that is killed rather than quit still leaves the cache for the next one. True if Node could.
 */
export function flushNodeCompileCache(): boolean {
  const flush = (module as unknown as { flushCompileCache?: () => void }).flushCompileCache;
  if (!flush) return false;
  try {
    flush();
    return true;
  } catch {
    return false;
  }
}

/** The mode `enableCodeCache` chose; `off` when it was never called (tests, the TypeScript sources). */
export function codeCacheMode(): CodeCacheMode {
  return current;
}
