/**
 * Reflows the printed transcript when the terminal's width changes. Ink prints `Static` entries once, at the width
 * they had then; the terminal re-wraps them badly, and shrinking leaves pieces of the old frame behind. So, as
 * gemini-cli does, once the width settles we clear the screen and print every entry again at the new width: a new
 * generation remounts `Static`, which prints all its items afresh.
 */
import { useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';

/** Erase the screen and the scrollback, cursor home (ansi-escapes' clearTerminal). */
export const CLEAR_TERMINAL = '\u001B[2J\u001B[3J\u001B[H';

/** Resize events come in bursts while a window is dragged; reprint once it has been still this long. */
export const RESIZE_SETTLE_MS = 150;

/**
 * The generation to key `Static` with: it changes after each settled change of `columns`, and with `screenClears`
 * (`/new`), each time after the screen was cleared.
 */
export function useStaticRefresh(columns: number, screenClears = 0, settleMs = RESIZE_SETTLE_MS): number {
  const { stdout } = useStdout();
  const [generation, setGeneration] = useState(0);
  const printedAt = useRef(columns);
  const clearedFor = useRef(screenClears);
  if (clearedFor.current !== screenClears) {
    // Written during render, before Ink commits the remounted Static: the new header prints on a clean screen.
    clearedFor.current = screenClears;
    stdout.write(CLEAR_TERMINAL);
  }
  useEffect(() => {
    if (columns === printedAt.current) return undefined;
    const timer = setTimeout(() => {
      printedAt.current = columns;
      stdout.write(CLEAR_TERMINAL);
      setGeneration((previous) => previous + 1);
    }, settleMs);
    return () => clearTimeout(timer);
  }, [columns, stdout, settleMs]);
  return generation + screenClears;
}
