/** Up/down recall over what was sent, like a shell. Pure so the reducer and its tests share it. */
import type { InputState } from './chat-state.js';

/** How many sent lines are remembered. */
const HISTORY_LIMIT = 100;

/** Records a sent line (skipping blanks and an immediate repeat) and clears the box. */
export function rememberInput(input: InputState, text: string, remember: boolean): InputState {
  const trimmed = text.trim();
  const history =
    remember && trimmed !== '' && input.history[input.history.length - 1] !== trimmed
      ? [...input.history, trimmed].slice(-HISTORY_LIMIT)
      : input.history;
  return { value: '', history, historyIndex: null, draft: '', sent: input.sent + 1 };
}

/** Up arrow: the previous sent line; keeps what was being typed as the draft. */
export function recallPrevious(input: InputState): InputState {
  if (input.history.length === 0) return input;
  const index = input.historyIndex === null ? input.history.length - 1 : Math.max(0, input.historyIndex - 1);
  const draft = input.historyIndex === null ? input.value : input.draft;
  return { ...input, historyIndex: index, draft, value: input.history[index] ?? '' };
}

/** Down arrow: the next sent line, and back to the draft after the newest. */
export function recallNext(input: InputState): InputState {
  if (input.historyIndex === null) return input;
  const index = input.historyIndex + 1;
  if (index >= input.history.length) return { ...input, historyIndex: null, value: input.draft, draft: '' };
  return { ...input, historyIndex: index, value: input.history[index] ?? '' };
}
