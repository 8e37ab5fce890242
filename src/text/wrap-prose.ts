import wrapAnsi from 'wrap-ansi';

/**
 * Wraps prose to `width` columns the way people expect: no row starts with the space it broke at. Ink wraps with
 * `trim: false` (so that spacing inside a row survives), which starts a continuation row with " as the email…"
 * whenever a break falls on a space. Each line keeps its own indentation, and its continuation rows line up under
 * its first character (bullets and numbered steps stay readable).
 */
export function wrapProse(text: string, width: number): string {
  if (width < 2) return text;
  return text
    .split('\n')
    .map((line) => {
      const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
      const body = line.slice(indent.length);
      if (body === '') return line.trimEnd();
      const room = Math.max(1, width - indent.length);
      return wrapAnsi(body, room, { hard: true, trim: true })
        .split('\n')
        .map((row) => indent + row)
        .join('\n');
    })
    .join('\n');
}
