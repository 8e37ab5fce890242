import type { KeyStorageInfo } from './events.js';

/** Where an issued key is when no store would take it: this process, until it ends. */
export const UNSAVED_KEY_STORAGE: KeyStorageInfo = { kind: 'memory', location: 'this session only (not saved)' };

/** Said once when every store refused a key FavCRM showed once: the person is signed in, and how to keep it. */
export function unsavedKeyNotice(maskedKey: string, problem: string): string {
  return (
    `Signed in with ${maskedKey}, but the key could not be saved (${problem}). It works until you quit. ` +
    'Fix the problem and type /save-key, or type /reveal-key to show it once on this terminal and keep it yourself.'
  );
}
