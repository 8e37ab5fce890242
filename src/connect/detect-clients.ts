import { promises as fs } from 'node:fs';
import path from 'node:path';
import { splitByteOrderMark } from './byte-order-mark.js';
import { CLIENTS } from './clients/index.js';
import type { ClientDefinition } from './client-definition.js';
import { CLIENT_IDS, SERVER_NAME, type ConnectPlace, type DetectedClient } from './connect-types.js';
import { existingJsonEntry, readJsonConfig } from './json-config-edit.js';
import { existingTomlServer, readTomlConfig } from './toml-table-edit.js';

/** Looks for every client: its command on PATH, its config directory, and a `favcrm` entry in its user config. */
export async function detectClients(place: ConnectPlace): Promise<DetectedClient[]> {
  return Promise.all(CLIENT_IDS.map((id) => detectClient(CLIENTS[id], place)));
}

async function detectClient(client: ClientDefinition, place: ConnectPlace): Promise<DetectedClient> {
  const evidence: string[] = [];
  for (const name of client.executables) {
    const found = await findOnPath(name, place);
    if (found) evidence.push(`${name} on PATH (${found})`);
  }
  for (const marker of client.markers(place)) if (await exists(marker)) evidence.push(marker);
  return { client: client.id, clientName: client.name, evidence, connected: await connectedEntry(client, place) };
}

/** The user config's `favcrm` entry; an unreadable file counts as not connected (connect itself will say why). */
async function connectedEntry(client: ClientDefinition, place: ConnectPlace): Promise<DetectedClient['connected']> {
  const file = client.configFile('user', place);
  if (file === null) return null;
  try {
    const { body: text } = splitByteOrderMark(await fs.readFile(file, 'utf8'));
    const format = client.format;
    const entry = format.kind === 'json' ? existingJsonEntry(readJsonConfig(text, file, format), format, SERVER_NAME) : existingTomlServer(readTomlConfig(text, file), SERVER_NAME);
    return entry === undefined ? null : { file, url: client.urlOf(entry) };
  } catch {
    return null;
  }
}

/** The first executable called `name` on PATH (with PATHEXT on Windows), from the injected environment. */
async function findOnPath(name: string, place: ConnectPlace): Promise<string | null> {
  const separator = place.platform === 'win32' ? ';' : ':';
  const directories = (place.env.PATH ?? place.env.Path ?? '').split(separator).filter((directory) => directory !== '');
  const extensions = place.platform === 'win32' ? (place.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  for (const directory of directories) {
    for (const extension of extensions) {
      const candidate = path.join(directory, `${name}${extension}`);
      try {
        const stats = await fs.stat(candidate);
        if (stats.isFile() && (place.platform === 'win32' || (stats.mode & 0o111) !== 0)) return candidate;
      } catch {
        // Not here.
      }
    }
  }
  return null;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
