/**
 * `y` approves, `n` or Esc declines; any other key does nothing (unanswered approvals fail closed in the core).
 * "yes"/"no" with or without Enter count too: a paste or a slow link delivers a typed word as one chunk.
 */
import { useInput } from 'ink';

/** Active while an approval prompt is on screen. */
export function useApprovalKeys(onAnswer: (approved: boolean) => void, isActive = true): void {
  useInput(
    (input, key) => {
      if (key.ctrl) return;
      const answer = input.trim().toLowerCase();
      if (answer === 'y' || answer === 'yes') onAnswer(true);
      else if (answer === 'n' || answer === 'no' || key.escape) onAnswer(false);
    },
    { isActive },
  );
}
