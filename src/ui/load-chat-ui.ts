import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

type RenderChatModule = typeof import('./render-chat.js');
export type ChatUiModule = Pick<RenderChatModule, 'runChatUi'>;

/** How the UI code was compiled: from V8's code cache, freshly (no cache yet, or V8 refused it), or as an ES module. */
export type ChatUiCompilation = 'code-cache' | 'compiled' | 'cache-rejected' | 'es-module';

export interface LoadedChatUi {
  ui: ChatUiModule;
  compilation: ChatUiCompilation;
  /**
   * Writes V8's code cache for the next start, holding every function compiled so far (call it once the first
   * frames are drawn, so they are in it). Does nothing when the cache was used or there is no script. True if written.
   */
  saveCodeCache(): boolean;
}

/** Made by scripts/ui-script.mjs next to the bundle; absent when running the TypeScript sources. */
export const CHAT_UI_SCRIPT = 'chat-ui.script.js';

/** Per Node build: V8 rejects a cache from another version anyway, and two versions should not keep overwriting one. */
export function codeCacheFile(directory: string): string {
  return path.join(directory, `.chat-ui-${process.version}-${process.arch}.v8cache`);
}

/**
 * Loads the chat UI. In the bundle it is a script compiled with V8's code cache (Node 20 caches no ES modules):
 * from the second start on, the first frame skips parsing and compiling React, Ink and yoga. From the sources, or
 * if that script cannot be used, it is the plain ES module.
 */
export async function loadChatUi(directory = path.dirname(fileURLToPath(import.meta.url))): Promise<LoadedChatUi> {
  const scriptFile = path.join(directory, CHAT_UI_SCRIPT);
  let source: string;
  try {
    source = fs.readFileSync(scriptFile, 'utf8');
  } catch {
    return { ui: await import('./render-chat.js'), compilation: 'es-module', saveCodeCache: () => false };
  }
  const cacheFile = codeCacheFile(directory);
  const cachedData = readIfPresent(cacheFile);
  const script = new vm.Script(source, {
    filename: scriptFile,
    ...(cachedData ? { cachedData } : {}),
    // Ink's DEV-only code imports `node:fs` dynamically; give such imports the normal loader.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const compilation: ChatUiCompilation = !cachedData ? 'compiled' : script.cachedDataRejected ? 'cache-rejected' : 'code-cache';
  const factory = script.runInThisContext() as (require: NodeJS.Require, importMetaUrl: string) => Promise<ChatUiModule>;
  const ui = await factory(createRequire(scriptFile), pathToFileURL(scriptFile).href);
  return {
    ui,
    compilation,
    saveCodeCache: () => (compilation === 'code-cache' ? false : writeAtomically(cacheFile, script.createCachedData())),
  };
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Temp file + rename: two chats starting at once never leave a half-written cache. A read-only install just skips it. */
function writeAtomically(file: string, data: Buffer): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
    return true;
  } catch {
    fs.rmSync(temporary, { force: true });
    return false;
  }
}
