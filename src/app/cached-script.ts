import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { codeCacheMode, flushNodeCompileCache, type CodeCacheMode } from './code-cache.js';

/** How a script's code was compiled: from V8's code cache, freshly (no cache yet, or V8 refused it), or as an ES module. */
export type ScriptCompilation = 'code-cache' | 'compiled' | 'cache-rejected' | 'es-module';

export interface LoadedScript<Exports> {
  exports: Exports;
  compilation: ScriptCompilation;
  /**
   * Writes V8's code cache for the next start, holding every function compiled so far (call it once the code that
   * matters has run, so it is in it). Does nothing when the cache was used or there is no script. True if written.
   */
  saveCodeCache(): boolean;
}

/**
 * Per Node build: V8 rejects a cache from another version anyway, and two versions should not keep overwriting one.
 * (Two installed builds of favcrm-chat on one Node share the file; V8 refuses the other's and it is rewritten.)
 */
export function codeCacheFile(cacheDirectory: string, scriptName: string): string {
  return path.join(cacheDirectory, `${scriptName.replace(/\.script\.js$/, '')}-${process.version}-${process.arch}.v8cache`);
}

/**
 * Loads `directory/scriptName` (made by scripts/cached-script.mjs) with V8's code cache from the user's cache
 * directory, when the code-cache mode is the hand-made one (Node 20, src/app/code-cache.ts): Node 20 caches no ES
 * modules, so from the second start on this skips parsing and compiling the code the first start ran. Otherwise
 * (Node's own compile cache, no cache, or no script because the TypeScript sources run) it is `fallback()`, the
 * plain ES module.
 */
export async function loadCachedScript<Exports>(
  directory: string,
  scriptName: string,
  fallback: () => Promise<Exports>,
  mode: CodeCacheMode = codeCacheMode(),
): Promise<LoadedScript<Exports>> {
  const scriptFile = path.join(directory, scriptName);
  let source: string | undefined;
  try {
    if (mode.kind === 'v8-scripts') source = fs.readFileSync(scriptFile, 'utf8');
  } catch {
    // No script beside this module: the TypeScript sources are running.
  }
  if (mode.kind !== 'v8-scripts' || source === undefined) {
    return { exports: await fallback(), compilation: 'es-module', saveCodeCache: () => mode.kind === 'node-compile-cache' && flushNodeCompileCache() };
  }
  const cacheFile = codeCacheFile(mode.directory, scriptName);
  const cachedData = readIfPresent(cacheFile);
  const script = new vm.Script(source, {
    filename: scriptFile,
    ...(cachedData ? { cachedData } : {}),
    // A dynamic import left in the bundle (Ink's DEV-only `node:fs`) gets the normal loader.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const compilation: ScriptCompilation = !cachedData ? 'compiled' : script.cachedDataRejected ? 'cache-rejected' : 'code-cache';
  const factory = script.runInThisContext() as (require: NodeJS.Require, importMetaUrl: string) => Promise<Exports>;
  const exports = await factory(createRequire(scriptFile), pathToFileURL(scriptFile).href);
  let saved = compilation === 'code-cache';
  return {
    exports,
    compilation,
    saveCodeCache: () => {
      if (saved) return false;
      saved = true;
      return writeAtomically(cacheFile, script.createCachedData());
    },
  };
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Temp file + rename: two starts at once never leave a half-written cache. An unwritable cache dir just skips it. */
function writeAtomically(file: string, data: Buffer): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
    return true;
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // The directory itself is unusable (ENOTDIR, EACCES): there is no temp file to remove.
    }
    return false;
  }
}
