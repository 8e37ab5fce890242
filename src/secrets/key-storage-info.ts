/** Where a key lives, as shown to the person (never the key itself). */
export interface KeyStorageInfo {
  kind: 'keyring' | 'config-file' | 'environment';
  /** Human description: `OS keyring (service favcrm-chat)` or the config file path. */
  location: string;
}
