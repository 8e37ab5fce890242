/** Ctrl+C cancels what runs, a second Ctrl+C within the window quits; Ctrl+D quits at once. */
import { useInput } from 'ink';
import { useEffect, useRef } from 'react';
import { splitKeys } from '../input/split-keys.js';
import type { ChatAction } from '../state/chat-state.js';

/** Long enough to press twice on purpose, short enough that a later Ctrl+C cancels instead of quitting. */
export const QUIT_WINDOW_MS = 2000;

export interface QuitKeysOptions {
  /** `session.cancel()`: true when a running step was cancelled. */
  cancel: () => boolean;
  quit: () => void;
  dispatch: (action: ChatAction) => void;
  windowMs?: number;
}

/** Binds Ctrl+C / Ctrl+D for the whole app. */
export function useQuitKeys({ cancel, quit, dispatch, windowMs = QUIT_WINDOW_MS }: QuitKeysOptions): void {
  const armedTimer = useRef<NodeJS.Timeout | null>(null);
  useEffect(() => () => disarm(armedTimer), []);
  const onKey = (input: string, ctrl: boolean): void => {
    if (!ctrl) return;
    if (input === 'd') return quit();
    if (input !== 'c') return;
    if (armedTimer.current) {
      disarm(armedTimer);
      return quit();
    }
    const cancelled = cancel();
    dispatch({ type: 'quit-hint', text: cancelled ? 'Cancelling… press Ctrl+C again to quit.' : 'Press Ctrl+C again to quit.' });
    armedTimer.current = setTimeout(() => {
      armedTimer.current = null;
      dispatch({ type: 'quit-hint', text: null });
    }, windowMs);
  };
  // A Ctrl+C that came in one chunk with other keys ("code\r\x03") still counts.
  useInput((input, key) => {
    for (const piece of splitKeys(input, key)) onKey(piece.input, piece.key.ctrl === true);
  });
}

function disarm(timer: { current: NodeJS.Timeout | null }): void {
  if (timer.current) clearTimeout(timer.current);
  timer.current = null;
}
