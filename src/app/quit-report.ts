/**
 * What the terminal says when the chat is quit while a call it must not abandon is in flight (a verify carries the
 * only copy of the key): that it waits, and afterwards where the key went, so the person leaves knowing.
 */
import type { AuthState, PendingSignup } from '../agent/events.js';

/** The line printed before waiting. */
export function waitingLine(signedIn: boolean): string {
  return signedIn
    ? 'Waiting for FavCRM to answer what was already sent, so nothing is left half done…'
    : 'Waiting for FavCRM to answer what was already sent, so a key it issues is stored (at most 2 minutes)…';
}

/** The line printed after waiting: the key's place when one was issued, else the code to paste next time. */
export function afterWaitLine(before: AuthState, after: AuthState, pending: PendingSignup | null, startCommand: string): string | null {
  if (before.status === 'signed-out' && after.status === 'signed-in') {
    return `Signed up: your key (${after.maskedKey}) is stored in ${after.storage.location}. Run \`${startCommand}\` to carry on.`;
  }
  if (after.status === 'signed-out' && pending) {
    return `A signup code was sent to ${pending.maskedEmail}. Run \`${startCommand}\` and paste it within 10 minutes.`;
  }
  return null;
}
