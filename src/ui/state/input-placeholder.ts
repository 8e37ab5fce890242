/** What the empty input box invites people to type, given where the conversation is. */
import type { ChatState } from './chat-state.js';

/** The signup code prompt wins; otherwise a nudge that fits signed-in or signed-out (or neutral while connecting). */
export function inputPlaceholder(state: Pick<ChatState, 'pendingSignup' | 'auth' | 'ready'>): string {
  // Until the session is ready we do not know yet whether a signup is pending or a key is saved.
  if (!state.ready) return 'Type a message or /help';
  if (state.pendingSignup) return `Paste the 6-digit code sent to ${state.pendingSignup.maskedEmail}`;
  if (state.auth.status === 'signed-out') return 'Tell me about your business to sign up, or type /help';
  return 'Ask me to do something in your CRM, or type /help';
}
