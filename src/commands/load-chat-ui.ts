import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheFile as scriptCodeCacheFile, loadCachedScript, type ScriptCompilation } from '../app/cached-script.js';
import { codeCacheMode, type CodeCacheMode } from '../app/code-cache.js';

type RenderChatModule = typeof import('../ui/render-chat.js');
export type ChatUiModule = Pick<RenderChatModule, 'runChatUi'>;
export type ChatUiCompilation = ScriptCompilation;

export interface LoadedChatUi {
  ui: ChatUiModule;
  compilation: ChatUiCompilation;
  /** Writes V8's code cache for the next start; call it once the first frames are drawn, so they are in it. */
  saveCodeCache(): boolean;
}

/** Made by scripts/cached-script.mjs next to the bundle; absent when running the TypeScript sources. */
export const CHAT_UI_SCRIPT = 'chat-ui.script.js';

/** The UI's V8 code cache in `cacheDirectory` (the hand-made path of src/app/code-cache.ts). */
export function codeCacheFile(cacheDirectory: string): string {
  return scriptCodeCacheFile(cacheDirectory, CHAT_UI_SCRIPT);
}

/**
 * Loads the chat UI: on Node 20 from the bundle a script compiled with V8's code cache (src/app/cached-script.ts),
 * so from the second start on the first frame skips parsing and compiling React, Ink and yoga; otherwise the ES
 * module (which Node's own compile cache covers on Node 22+).
 */
export async function loadChatUi(directory = path.dirname(fileURLToPath(import.meta.url)), mode: CodeCacheMode = codeCacheMode()): Promise<LoadedChatUi> {
  const loaded = await loadCachedScript<ChatUiModule>(directory, CHAT_UI_SCRIPT, () => import('../ui/render-chat.js'), mode);
  return { ui: loaded.exports, compilation: loaded.compilation, saveCodeCache: loaded.saveCodeCache };
}
