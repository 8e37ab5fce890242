import { errorMessage } from './error-message.js';

/** Setting the session up failed (bad config, sandbox would not start): the chat cannot go on and should quit. */
export class SessionSetupError extends Error {
  override readonly name = 'SessionSetupError';
  constructor(override readonly cause: unknown) {
    super(errorMessage(cause));
  }
  static isInstance(error: unknown): error is SessionSetupError {
    return error instanceof Error && error.name === 'SessionSetupError';
  }
}
