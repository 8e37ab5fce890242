import { FatalError } from '../errors/fatal-error.js';

/** A setting that cannot work (an unreadable --api-key-file, a key that is not one), with what to do instead. */
export class SettingsError extends FatalError {
  override readonly name = 'SettingsError';

  static override isInstance(error: unknown): error is SettingsError {
    return FatalError.isInstance(error) && error.name === 'SettingsError';
  }
}
