/** Which deadline fired: before the first byte of the answer, or between two chunks of it. */
export type ModelTimeoutPhase = 'first-token' | 'idle';

const seconds = (ms: number): string => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

/** The model server went quiet: it sent nothing at all, or stopped mid-answer. The request was aborted. */
export class ModelTimeoutError extends Error {
  override readonly name = 'ModelTimeoutError';
  constructor(
    readonly timeoutMs: number,
    readonly phase: ModelTimeoutPhase = 'first-token',
  ) {
    super(
      phase === 'first-token'
        ? `The model did not start answering within ${seconds(timeoutMs)} (first-token timeout); the request was cancelled.`
        : `The model stopped sending for ${seconds(timeoutMs)} in the middle of its answer (idle timeout); the request was cancelled.`,
    );
  }

  static isInstance(error: unknown): error is ModelTimeoutError {
    return error instanceof Error && error.name === 'ModelTimeoutError';
  }
}

/** What the model server sent that no repair could make sense of, or a stream that ended before the answer did. */
export type ModelStreamProblem = 'unreadable-chunk' | 'stream-cut' | 'server-error';

/** The answer stream broke; the message names what the server sent (cut to a short, redacted excerpt upstream). */
export class ModelStreamError extends Error {
  override readonly name = 'ModelStreamError';
  constructor(
    readonly problem: ModelStreamProblem,
    message: string,
    /** For `server-error`: the server's own words, used to tell "context too long" from other failures. */
    readonly serverMessage?: string,
  ) {
    super(message);
  }

  static isInstance(error: unknown): error is ModelStreamError {
    return error instanceof Error && error.name === 'ModelStreamError';
  }
}

/** A short, single-line excerpt of what a server sent, for error messages. */
export function excerpt(text: string, length = 120): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}
