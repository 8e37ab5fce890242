import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findPackageRoot } from '../config/package-root.js';
import type { AuthState, PendingSignup } from './events.js';

/** prompts/ sits at the package root; found lazily, as this file runs from src/agent/ or a bundle chunk in dist/. */
let promptsDirectory: string | undefined;

export type PromptName = 'system' | 'signup-playbook' | 'working-in-favcrm' | 'just-signed-up';

const cache = new Map<PromptName, string>();

/** Reads one prompt file (cached); prompts are text files so a change to them is a visible diff. */
export function loadPrompt(name: PromptName): string {
  let text = cache.get(name);
  if (text === undefined) {
    promptsDirectory ??= path.join(findPackageRoot(import.meta.url), 'prompts');
    text = readFileSync(path.join(promptsDirectory, `${name}.md`), 'utf8').trim();
    cache.set(name, text);
  }
  return text;
}

export interface SessionFacts {
  auth: AuthState;
  pendingSignup: PendingSignup | null;
  /** ISO date-time of "now"; written to the minute as `now:` (a real model's transport moves it after the newest message). */
  now: string;
  /** Signed in by a verify during this turn: the step after it relays the result and makes the first calls. */
  justSignedUp?: boolean;
}

/**
 * The system prompt for one step: stable instructions first, then the phase, then a short key-free state block that
 * changes only at events (signup, a code sent) and the `now:` line, to the minute. A real model's transport moves that
 * line after the newest user message (`timeNoteMiddleware`), so consecutive requests share their prefix and a server's
 * prompt cache (OpenAI) or KV cache (llama.cpp, Ollama) is reused; the offline model reads it where it is.
 */
export function buildSystemPrompt(facts: SessionFacts): string {
  const signedIn = facts.auth.status === 'signed-in';
  const phase = signedIn ? loadPrompt('working-in-favcrm') : loadPrompt('signup-playbook');
  const justSignedUp = signedIn && facts.justSignedUp ? `\n\n${loadPrompt('just-signed-up')}` : '';
  const state = [
    '## Session state',
    `now: ${facts.now.slice(0, 16)}Z`,
    facts.auth.status === 'signed-in'
      ? `auth: signed-in (key ${facts.auth.maskedKey}, stored in ${facts.auth.storage.location})`
      : 'auth: signed-out',
    facts.pendingSignup
      ? `pending signup: requestId ${facts.pendingSignup.requestId}, code sent to ${facts.pendingSignup.maskedEmail}, expires ${facts.pendingSignup.expiresAt}`
      : 'pending signup: none',
  ].join('\n');
  return `${loadPrompt('system')}\n\n${phase}${justSignedUp}\n\n${state}`;
}

