/** What the empty input box invites people to type, given where the conversation is. */
import type { ChatState } from './chat-state.js';

/**
 * The signup code prompt wins; while signed out, an answer to a question the assistant just asked ("What should I
 * use as the email?"); otherwise a nudge that fits signed-in or signed-out (or neutral while connecting).
 */
export function inputPlaceholder(state: Pick<ChatState, 'pendingSignup' | 'auth' | 'ready'> & { entries?: ChatState['entries'] }): string {
  // Until the session is ready we do not know yet whether a signup is pending or a key is saved.
  if (!state.ready) return 'Type a message or /help';
  if (state.pendingSignup) return `Paste the 6-digit code sent to ${state.pendingSignup.maskedEmail}`;
  if (state.auth.status === 'signed-out') {
    // Signing up is a dialogue; once signed in, "What next? Try …" invites a request, not an answer.
    return lastAssistantAsked(state.entries ?? []) ? 'Type your answer, or /help' : 'Tell me about your business to sign up, or type /help';
  }
  return 'Ask me to do something in your CRM, or type /help';
}

/** True when the assistant's latest line asks something ("What should I use as the email? The code goes there."). */
function lastAssistantAsked(entries: ChatState['entries']): boolean {
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index];
    if (entry?.kind === 'user') return false;
    if (entry?.kind === 'assistant') return (entry.text.trimEnd().split('\n').at(-1) ?? '').includes('?');
  }
  return false;
}
