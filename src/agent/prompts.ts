import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findPackageRoot } from '../config/package-root.js';
import type { AuthState, PendingSignup } from './events.js';

/** prompts/ sits at the package root; found lazily, as this file runs from src/agent/ or a bundle chunk in dist/. */
let promptsDirectory: string | undefined;

export type PromptName = 'system' | 'signup-playbook' | 'working-in-favcrm';

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
  /** ISO date-time of "now", so the model can reason about code expiry. */
  now: string;
}

/** The system prompt for one step: instructions for the current phase plus a short, key-free state block. */
export function buildSystemPrompt(facts: SessionFacts): string {
  const phase = facts.auth.status === 'signed-in' ? loadPrompt('working-in-favcrm') : loadPrompt('signup-playbook');
  const state = [
    '## Session state',
    `now: ${facts.now}`,
    facts.auth.status === 'signed-in'
      ? `auth: signed-in (key ${facts.auth.maskedKey}, stored in ${facts.auth.storage.location})`
      : 'auth: signed-out',
    facts.pendingSignup
      ? `pending signup: requestId ${facts.pendingSignup.requestId}, code sent to ${facts.pendingSignup.maskedEmail}, expires ${facts.pendingSignup.expiresAt}`
      : 'pending signup: none',
  ].join('\n');
  return `${loadPrompt('system')}\n\n${phase}\n\n${state}`;
}
