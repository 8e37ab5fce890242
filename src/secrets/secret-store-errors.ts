import { FatalError } from '../errors/fatal-error.js';

/** The config file exists but is not TOML we understand; it is never overwritten silently. */
export class ConfigFileError extends FatalError {
  override name = 'ConfigFileError';

  constructor(message: string, readonly path: string) {
    super(message);
  }

  static override isInstance(error: unknown): error is ConfigFileError {
    return error instanceof Error && error.name === 'ConfigFileError';
  }
}

/** `--key-store keyring` was asked for but the OS keyring did not pass the probe. */
export class KeyringUnavailableError extends FatalError {
  override name = 'KeyringUnavailableError';

  static override isInstance(error: unknown): error is KeyringUnavailableError {
    return error instanceof Error && error.name === 'KeyringUnavailableError';
  }
}
