/** Lines of a paste (or of text typed ahead) become one message, joined with single spaces. */
export function joinPastedLines(value: string): string {
  return /[\r\n]/.test(value) ? value.replace(/[ \t]*(\r\n|\r|\n)+[ \t]*/g, ' ') : value;
}
