import { checkEndpointUrl } from '../mcp/endpoint.js';
import { parseKeyStorePreference, type KeyStorePreference } from '../secrets/key-store-preference.js';
import { SCOPES, type ConnectScope } from './connect-types.js';
import type { ConnectRequest } from './run-connect.js';

export type ParsedConnectArgs =
  | { help: boolean; json: boolean; yes: boolean; request: ConnectRequest; url?: string; apiKey?: string; keyStore?: KeyStorePreference }
  | { error: string };

/** Flags as the chat's own (`--url`, `--api-key`, `--key-store`), so connect writes for the same endpoint. */
export function parseConnectArgs(args: readonly string[]): ParsedConnectArgs {
  const request: ConnectRequest = {};
  let help = false;
  let json = false;
  let yes = false;
  let url: string | undefined;
  let apiKey: string | undefined;
  let keyStore: KeyStorePreference | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const valued = /^(--url|--api-key|--key-store|--scope)(?:=([\s\S]*))?$/.exec(arg);
    if (valued) {
      const value = valued[2] ?? args[(index += 1)];
      if (value === undefined || value === '') return { error: `${valued[1]} needs a value` };
      if (valued[1] === '--url') {
        const problem = checkEndpointUrl(value);
        if (problem) return { error: problem };
        url = value;
      } else if (valued[1] === '--api-key') apiKey = value;
      else if (valued[1] === '--key-store') {
        keyStore = parseKeyStorePreference(value);
        if (!keyStore) return { error: `--key-store must be auto, file or keyring (got ${value})` };
      } else {
        if (!(SCOPES as readonly string[]).includes(value)) return { error: `--scope must be user or project (got ${value})` };
        request.scope = value as ConnectScope;
      }
    } else if (arg === '--json') json = true;
    else if (arg === '--dry-run' || arg === '-n') request.dryRun = true;
    else if (arg === '--remove' || arg === '--uninstall') request.remove = true;
    else if (arg === '--yes' || arg === '-y') yes = true;
    else if (arg === '-h' || arg === '--help' || arg === 'help') help = true;
    else if (arg.startsWith('-')) return { error: `Unknown flag: ${arg}` };
    else if (request.client === undefined) request.client = arg;
    else return { error: `Unexpected "${arg}": connect takes one client at a time.` };
  }
  if (request.remove && request.client === undefined) return { error: '--remove needs a client: favcrm-chat connect --remove <client>' };
  return { help, json, yes, request, ...(url !== undefined ? { url } : {}), ...(apiKey !== undefined ? { apiKey } : {}), ...(keyStore !== undefined ? { keyStore } : {}) };
}

