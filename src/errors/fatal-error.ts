/**
 * Expected failures: a bad flag, a sandbox that cannot start, a key store that is locked. The CLI prints the
 * message (no stack) and exits with `exitCode`; anything that is not a FatalError is a crash, whose stack
 * FAVCRM_CHAT_DEBUG=1 shows.
 */

/** Marks FatalErrors across bundles: the core may run from its own script, whose classes are not the CLI's. */
const FATAL = Symbol.for('favcrm-chat.fatal-error');

export class FatalError extends Error {
  override name = 'FatalError';
  readonly [FATAL] = true;

  constructor(
    message: string,
    /** 1 for a failure, 2 for a usage error (like other CLIs). */
    readonly exitCode: number = 1,
  ) {
    super(message);
  }

  static isInstance(error: unknown): error is FatalError {
    return error instanceof Error && (error as Partial<Record<typeof FATAL, unknown>>)[FATAL] === true;
  }
}

/** A flag or argument that cannot work: exit code 2, with what to type instead. */
export class UsageError extends FatalError {
  override name = 'UsageError';

  constructor(message: string) {
    super(message, 2);
  }

  static override isInstance(error: unknown): error is UsageError {
    return FatalError.isInstance(error) && error.exitCode === 2;
  }
}
