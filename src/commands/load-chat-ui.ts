import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheFile as scriptCodeCacheFile, loadCachedScript, type ScriptCompilation } from '../app/cached-script.js';

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

export function codeCacheFile(directory: string): string {
  return scriptCodeCacheFile(directory, CHAT_UI_SCRIPT);
}

/**
 * Loads the chat UI: in the bundle a script compiled with V8's code cache (src/app/cached-script.ts), so from the
 * second start on the first frame skips parsing and compiling React, Ink and yoga; from the sources, the ES module.
 */
export async function loadChatUi(directory = path.dirname(fileURLToPath(import.meta.url))): Promise<LoadedChatUi> {
  const loaded = await loadCachedScript<ChatUiModule>(directory, CHAT_UI_SCRIPT, () => import('../ui/render-chat.js'));
  return { ui: loaded.exports, compilation: loaded.compilation, saveCodeCache: loaded.saveCodeCache };
}
