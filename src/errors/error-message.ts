/** The message of anything thrown: an Error's message, else its text (a thrown string, a number). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
