/**
 * Reflows the printed transcript when the terminal's width changes. Ink prints `Static` entries once, at the width
 * they had then; the terminal re-wraps them badly, and shrinking leaves pieces of the old frame behind. So once the
 * width settles we move what is on the screen up into the scrollback and print every entry again at the new width:
 * a new generation remounts `Static`, which prints all its items afresh. Nothing is erased: what the terminal showed
 * before the app started (and the old copy of the conversation) stays in the scrollback.
 */
import { useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';

/** Erases the terminal's scrollback (ESC[3J). The app never writes it: scrollback is the person's, not ours. */
export const ERASE_SCROLLBACK = '\u001B[3J';

/**
 * A clean screen that keeps everything: cursor to the last row, one line feed per row (each scrolls the top line
 * into the scrollback, which an erase would not do on every terminal), then cursor home.
 */
export function scrollScreenAway(rows: number): string {
  const height = Math.max(1, Math.floor(rows) || 24);
  return `\u001B[${height};1H${'\n'.repeat(height)}\u001B[H`;
}

/** Finds `scrollScreenAway` in raw output (a pseudo-terminal writes its line feeds as CR LF). */
export const SCREEN_SCROLLED_AWAY = /\u001B\[\d+;1H(?:\r?\n)+\u001B\[H/;

/** Resize events come in bursts while a window is dragged; reprint once it has been still this long. */
export const RESIZE_SETTLE_MS = 150;

/**
 * The generation to key `Static` with: it changes after each settled change of `columns`, and with `screenClears`
 * (`/new`), each time after the screen was moved away.
 */
export function useStaticRefresh(columns: number, screenClears = 0, settleMs = RESIZE_SETTLE_MS): number {
  const { stdout } = useStdout();
  const [generation, setGeneration] = useState(0);
  const printedAt = useRef(columns);
  const clearedFor = useRef(screenClears);
  if (clearedFor.current !== screenClears) {
    // Written during render, before Ink commits the remounted Static: the new header prints on a clean screen.
    clearedFor.current = screenClears;
    stdout.write(scrollScreenAway(stdout.rows));
  }
  useEffect(() => {
    if (columns === printedAt.current) return undefined;
    const timer = setTimeout(() => {
      printedAt.current = columns;
      stdout.write(scrollScreenAway(stdout.rows));
      setGeneration((previous) => previous + 1);
    }, settleMs);
    return () => clearTimeout(timer);
  }, [columns, stdout, settleMs]);
  return generation + screenClears;
}
