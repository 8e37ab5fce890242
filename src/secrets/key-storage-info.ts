/** Where a key lives, as shown to the person (never the key itself). */
export interface KeyStorageInfo {
  /** `app-file`: favcrm-chat's own 0600 file of keys by endpoint; `memory`: every store failed, kept for this session. */
  kind: 'keyring' | 'config-file' | 'app-file' | 'environment' | 'memory';
  /** Human description: `OS keyring (service favcrm-chat)` or the config file path. */
  location: string;
}
