/**
 * Bracketed paste: the terminal wraps pasted text in ESC[200~ … ESC[201~, so a paste is told from typing by what it
 * is, not guessed from its end. Ink 6 does not know these markers; its key parser hands them to input handlers as
 * "[200~" and "[201~" (the escape stripped), which the line input watches for.
 */

/** Asks the terminal to bracket pastes; terminals that do not know the mode ignore it. */
export const ENABLE_BRACKETED_PASTE = '\u001B[?2004h';
export const DISABLE_BRACKETED_PASTE = '\u001B[?2004l';

/** The markers as Ink's `useInput` delivers them. */
export const PASTE_START_INPUT = '[200~';
export const PASTE_END_INPUT = '[201~';

/** Turns bracketed paste on for `stdout` and returns how to turn it off again (also on any exit of the process). */
export function enableBracketedPaste(stdout: NodeJS.WriteStream): () => void {
  if (!stdout.isTTY) return () => undefined;
  stdout.write(ENABLE_BRACKETED_PASTE);
  let enabled = true;
  const disable = (): void => {
    if (!enabled) return;
    enabled = false;
    process.off('exit', disable);
    stdout.write(DISABLE_BRACKETED_PASTE);
  };
  // A crash must not leave the shell with the mode on: some programs would then see the markers in pastes.
  process.on('exit', disable);
  return disable;
}
