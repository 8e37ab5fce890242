/** `--key-store`: `auto` tries the keyring first; `file` always uses the CLI's config.toml; `keyring` insists. */
export type KeyStorePreference = 'auto' | 'file' | 'keyring';

export const KEY_STORE_PREFERENCES: readonly KeyStorePreference[] = ['auto', 'file', 'keyring'];

/** Validates a `--key-store` value; returns undefined for anything else so the caller can print usage. */
export function parseKeyStorePreference(value: string | undefined): KeyStorePreference | undefined {
  return KEY_STORE_PREFERENCES.find((preference) => preference === value);
}
