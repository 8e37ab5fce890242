/**
 * `y` approves, `n` or Esc declines; any other key does nothing (unanswered approvals fail closed in the core).
 * "yes"/"no" with or without Enter count too, and "yes please" or "no thanks": a paste or a slow link delivers a
 * typed answer as one chunk. "yes, but change the email" is not a plain yes, so it answers nothing.
 */
import { useInput } from 'ink';
import { splitKeys } from '../input/split-keys.js';

/** "y", "yes", "yes please", "ok go ahead": a plain yes, with nothing that could be a change of mind after it. */
const YES = /^(?:y|yes|yeah|yep|sure|ok(?:ay)?)(?:[\s,]+(?:please|pls|thanks|thank you|go ahead|do it))*[.!]*$/;
/** "n", "no", "no thanks", "nope". */
const NO = /^(?:n|no|nope|nah)(?:[\s,]+(?:thanks|thank you|not now|don't|do not))*[.!]*$/;

/** Active while an approval prompt is on screen. */
export function useApprovalKeys(onAnswer: (approved: boolean) => void, isActive = true): void {
  useInput(
    (input, key) => {
      if (key.escape) return onAnswer(false);
      for (const piece of splitKeys(input, key)) {
        if (piece.key.ctrl) continue;
        const answer = piece.input.trim().toLowerCase();
        if (YES.test(answer)) return onAnswer(true);
        if (NO.test(answer)) return onAnswer(false);
      }
    },
    { isActive },
  );
}
