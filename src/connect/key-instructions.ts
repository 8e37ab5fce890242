import type { KeyStorageInfo } from '../secrets/key-storage-info.js';
import { KEY_VARIABLE, type ConnectPlace } from './connect-types.js';

/** Where the key is now, as the chat knows it (never the key). */
export interface KeyWhereabouts {
  /** Set when FAVCRM_API_KEY is already in this environment. */
  inEnvironment: boolean;
  /** `OS keyring (service favcrm-chat)`, a config file path, or null when no key is known. */
  storedIn: string | null;
  storedKind: 'keyring' | 'file' | 'environment' | 'memory' | null;
}

/**
 * How to put the key in FAVCRM_API_KEY for a client, without the key: the shell line to add, and a command that
 * reads it from where favcrm-chat keeps it, so nobody has to paste it.
 */
export function keyVariableSteps(clientName: string, place: ConnectPlace, key: KeyWhereabouts): string[] {
  const steps: string[] = [];
  if (key.inEnvironment) steps.push(`${KEY_VARIABLE} is set in this shell; ${clientName} sees it when started from a shell that has it too.`);
  if (place.platform === 'win32') {
    steps.push(`Set ${KEY_VARIABLE} for your account: setx ${KEY_VARIABLE} "<your FavCRM API key>" (then restart ${clientName}).`);
  } else {
    const fromKeyring =
      key.storedKind === 'keyring'
        ? place.platform === 'darwin'
          ? '"$(security find-generic-password -s favcrm-chat -a default -w)"'
          : '"$(secret-tool lookup service favcrm-chat username default)"'
        : '"<your FavCRM API key>"';
    steps.push(`Set ${KEY_VARIABLE} where ${clientName} starts: add  export ${KEY_VARIABLE}=${fromKeyring}  to your shell profile (~/.zshrc or ~/.bashrc) and open a new terminal.`);
    if (place.platform === 'darwin') steps.push('Apps opened from the Dock do not read your shell profile: start them from that terminal (e.g. `cursor .`, `code .`).');
  }
  if (key.storedKind === 'file' && key.storedIn) steps.push(`Your key is saved in ${key.storedIn}.`);
  if (key.storedKind === 'memory') steps.push('Your key could not be saved on this machine and lives only in this chat: copy it from where you received it.');
  if (!key.storedIn && !key.inEnvironment) steps.push('No FavCRM key was found here yet: sign up in the chat, or create one in the portal (Settings → MCP Keys).');
  return steps;
}

/** The chat's storage kinds, as these instructions tell them apart. */
export function storedKindOf(kind: KeyStorageInfo['kind']): NonNullable<KeyWhereabouts['storedKind']> {
  return kind === 'config-file' || kind === 'app-file' ? 'file' : kind;
}
