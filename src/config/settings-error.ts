/** A setting that cannot work (an unreadable --api-key-file, a key that is not one), with what to do instead. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';

  static isInstance(error: unknown): error is SettingsError {
    return error instanceof Error && error.name === 'SettingsError';
  }
}
