/** The config file exists but is not TOML we understand; it is never overwritten silently. */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';

  constructor(message: string, readonly path: string) {
    super(message);
  }

  static isInstance(error: unknown): error is ConfigFileError {
    return error instanceof Error && error.name === 'ConfigFileError';
  }
}

/** `--key-store keyring` was asked for but the OS keyring did not pass the probe. */
export class KeyringUnavailableError extends Error {
  override readonly name = 'KeyringUnavailableError';

  static isInstance(error: unknown): error is KeyringUnavailableError {
    return error instanceof Error && error.name === 'KeyringUnavailableError';
  }
}
