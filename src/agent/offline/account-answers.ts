/**
 * Questions about the account itself (logging in, keys, a pasted key) get the app's own answers: the portal for
 * keys, `/auth` for where the key is, and how to start the app with a key, in the command this person runs. A
 * pasted key is never repeated, not even masked.
 */
import type { ConversationView } from './conversation-view.js';
import { say, type OfflineAction } from './offline-action.js';

/** The FavCRM portal, where accounts and keys are managed (contract §5.8). */
export const PORTAL_URL = 'https://app.favcrm.io';

/** A FavCRM key as pasted: the app masks it before the model sees it ("fav_mcp_...abcd"), so both forms count. */
const PASTED_KEY = /\bfav_(?:mcp|v0)_[A-Za-z0-9_.-]{4,}/;
const KEY_QUESTION = /\b(?:api|mcp)[\s-]?keys?\b|\b(?:what|where)(?:'s|’s|\s+is)\s+my\s+key\b|\baccess\s+token\b|\bfavcrm_api_key\b/i;
const LOGIN_QUESTION =
  /\b(?:how\s+(?:do|can)\s+i\s+|i\s+(?:want|need)\s+to\s+|let\s+me\s+|can\s+i\s+)(?:log|sign)\s*[-\s]?in\b|\balready\s+(?:have|got)\s+(?:an?\s+|my\s+)?(?:favcrm\s+)?account\b|\bexisting\s+(?:favcrm\s+)?account\b|\b(?:log|sign)\s*[-\s]?in\s+(?:to|with)\s+(?:my|an?)\s+(?:existing\s+)?account\b/i;

/** How to start the chat with a key, in the command this person uses (`npm start` in a clone). */
function startWithKey(view: ConversationView): string {
  const command = (view.command ?? 'favcrm-chat').replace(/\s+--$/, '');
  return `FAVCRM_API_KEY=<your key> ${command}`;
}

/** The answer to an account, login or key question, or null when the message is not one. */
export function accountAnswer(text: string, view: ConversationView, signingUp = false): OfflineAction | null {
  const pasted = PASTED_KEY.test(text);
  // "Sign me up … so I can log in" is a signup; only a pasted key is answered in the middle of one.
  if (signingUp && !pasted) return null;
  const keyQuestion = KEY_QUESTION.test(text);
  const login = LOGIN_QUESTION.test(text);
  if (!pasted && !keyQuestion && !login) return null;
  const auth = `Type /auth to see which key I use and where it is stored (masked); in a shell, \`${(view.command ?? 'favcrm-chat')} auth status\` says the same.`;
  if (pasted) {
    return say(
      view.signedIn
        ? `That looks like a FavCRM API key. I don't take keys in the chat, and I won't repeat it; I'm already signed in with the stored one. ${auth} To switch to the pasted key, quit and start me with it: ${startWithKey(view)}.`
        : `That looks like a FavCRM API key. I don't take keys in the chat (the conversation is saved), and I won't repeat it. Quit (Ctrl+D) and start me with it: ${startWithKey(view)}. ${auth}`,
    );
  }
  if (view.signedIn) {
    return say(
      `You're signed in already, with a key stored on this computer. I never see the full key, and FavCRM shows a key only once, so I can't show it to you. ${auth} For a new key, sign in to the portal at ${PORTAL_URL} (use "forgot password" to set a password) and create one in Settings → MCP Keys.`,
    );
  }
  return say(
    `To use an account you already have: sign in to the portal at ${PORTAL_URL} (use "forgot password" if you never set one), create a key in Settings → MCP Keys, then quit (Ctrl+D) and start me with it: ${startWithKey(view)}. ${auth} Nothing was signed up or changed here.`,
  );
}
