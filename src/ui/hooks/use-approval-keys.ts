/**
 * `y` approves, `n` or Esc declines; any other key does nothing (unanswered approvals fail closed in the core).
 * "yes"/"no" with or without Enter count too, and "yes please" or "no thanks": a paste or a slow link delivers a
 * typed answer as one chunk. "yes, but change the email" is not a plain yes, so it answers nothing.
 */
import { useInput } from 'ink';
import { approvalAnswer } from '../../agent/approval-answer.js';
import { splitKeys } from '../input/split-keys.js';

/**
 * A yes arriving this soon after the previous card was answered was typed for that card (a double tap, a held
 * key): with two approvals asked in turn, it must not approve the second one unread. A no is always taken.
 */
export const APPROVAL_SETTLE_MS = 300;

/** Active while an approval prompt is on screen; a yes before `ignoreYesUntil` (epoch ms) is not taken. */
export function useApprovalKeys(onAnswer: (approved: boolean) => void, isActive = true, ignoreYesUntil = 0, now: () => number = Date.now): void {
  useInput(
    (input, key) => {
      if (key.escape) return onAnswer(false);
      for (const piece of splitKeys(input, key)) {
        if (piece.key.ctrl) continue;
        const answer = approvalAnswer(piece.input);
        if (answer === true && now() < ignoreYesUntil) return;
        if (answer !== null) return onAnswer(answer);
      }
    },
    { isActive },
  );
}
