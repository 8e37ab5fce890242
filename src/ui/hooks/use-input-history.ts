/** Up/down arrows recall earlier messages while the input box is shown (the reducer holds the history). */
import { useInput } from 'ink';
import type { ChatAction } from '../state/chat-state.js';

/** Binds the arrow keys to history navigation; inactive while a turn runs or an approval waits. */
export function useInputHistory(dispatch: (action: ChatAction) => void, isActive: boolean): void {
  useInput(
    (_input, key) => {
      if (key.upArrow) dispatch({ type: 'history-previous' });
      else if (key.downArrow) dispatch({ type: 'history-next' });
    },
    { isActive },
  );
}
