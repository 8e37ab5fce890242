/** `y` approves, `n` or Esc declines; any other key does nothing (unanswered approvals fail closed in the core). */
import { useInput } from 'ink';

/** Active while an approval prompt is on screen. */
export function useApprovalKeys(onAnswer: (approved: boolean) => void, isActive = true): void {
  useInput(
    (input, key) => {
      if (key.ctrl) return;
      const answer = input.toLowerCase();
      if (answer === 'y') onAnswer(true);
      else if (answer === 'n' || key.escape) onAnswer(false);
    },
    { isActive },
  );
}
