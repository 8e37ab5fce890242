import { ConnectError } from '../connect-errors.js';
import { CLIENT_IDS, type ClientId } from '../connect-types.js';
import type { ClientDefinition } from '../client-definition.js';
import { claudeCode } from './claude-code.js';
import { claudeDesktop } from './claude-desktop.js';
import { codex } from './codex.js';
import { cursor } from './cursor.js';
import { gemini } from './gemini.js';
import { vscode } from './vscode.js';

/** Every client `connect` knows, in the order the listing shows them. */
export const CLIENTS: Readonly<Record<ClientId, ClientDefinition>> = {
  'claude-code': claudeCode,
  cursor,
  vscode,
  codex,
  gemini,
  'claude-desktop': claudeDesktop,
};

/** The client a person named (`claude-code`, `Claude Code`, `vscode`, `code`…), or a ConnectError listing the names. */
export function findClient(name: string): ClientDefinition {
  const wanted = name.trim().toLowerCase().replace(/[\s_]+/g, '-');
  for (const id of CLIENT_IDS) {
    const client = CLIENTS[id];
    if (client.id === wanted || client.aliases.includes(wanted) || client.name.toLowerCase().replace(/\s+/g, '-') === wanted) return client;
  }
  throw new ConnectError('unknown-client', `"${name}" is not a client connect knows.`, `Use one of: ${CLIENT_IDS.join(', ')}.`);
}
