import type { KeyringProbeResult } from '../secrets/keyring-store.js';
import type { KeyStorePreference } from '../secrets/key-store-preference.js';

type Env = Record<string, string | undefined>;

/** Slow, independent work begun before the core loads, so it runs while the main thread parses modules. */
export interface EarlyStart {
  /** The OS keyring probe (a child process of ~150 ms), when the key store may be the keyring. */
  keyringProbe?: Promise<KeyringProbeResult>;
}

/**
 * Starts the keyring probe at once: it runs in another process, so it overlaps with loading the AI SDK, MCP and
 * (in the chat) Ink instead of adding its whole duration to the time until the session is ready.
 */
export async function beginEarlyStart(keyStore: KeyStorePreference | undefined, env: Env): Promise<EarlyStart> {
  if (keyStore === 'file') return {};
  const { isKeyringDisabled, probeKeyringWithReason } = await import('../secrets/keyring-store.js');
  if (isKeyringDisabled(env)) return {};
  const keyringProbe = probeKeyringWithReason(undefined, { env });
  return { keyringProbe };
}
