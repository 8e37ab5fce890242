import { CODE_PLACEHOLDER } from '../code-guard.js';
import { TEAM_INVITE_REQUEST_ID } from '../signup-tracker.js';
import type { ConversationView } from './conversation-view.js';
import { call, say, type OfflineAction } from './offline-action.js';

/**
 * A FavCRM invite token as written, or inside an invite link (`…/invite?token=invite_…`). Sandboxes before the
 * id-prefix split issued `inv_` + 32 characters; an invoice id (`inv_` + 16) is not a token.
 */
const INVITE_TOKEN = /\b(invite_[A-Za-z0-9]{16,}|inv_[A-Za-z0-9]{32})\b/;

/** The invite token in a person's message, if any. */
export function findInviteToken(text: string): string | null {
  return INVITE_TOKEN.exec(text)?.[1] ?? null;
}

/**
 * Accepting a team invite (contract §5.3): the token starts it, the emailed code finishes it. Returns null when
 * the message has nothing to do with an invite.
 */
export function inviteStep(view: ConversationView, text: string): OfflineAction | null {
  const token = findInviteToken(text);
  if (token && view.tools.has('accept_team_invite_request')) {
    return { text: 'Let me accept that invite.', toolCall: { toolName: 'accept_team_invite_request', input: { token } } };
  }
  if (view.pendingRequestId !== TEAM_INVITE_REQUEST_ID) return null;
  const pendingToken = lastInviteToken(view);
  if (text.includes(CODE_PLACEHOLDER) && pendingToken) {
    return call('accept_team_invite_verify', { token: pendingToken, code: CODE_PLACEHOLDER });
  }
  return say(`I'm waiting for the 6-digit code sent to ${view.pendingMaskedEmail ?? 'the invited address'} to accept the invite. Paste it here.`);
}

function lastInviteToken(view: ConversationView): string | null {
  const request = [...view.allCalls].reverse().find((past) => past.toolName === 'accept_team_invite_request');
  return typeof request?.input.token === 'string' ? request.input.token : null;
}
