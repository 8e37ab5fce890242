import { promises as fs } from 'node:fs';
import type { Readable } from 'node:stream';
import { SettingsError } from './settings-error.js';

/** A key as typed or read: spaces around it are dropped; any inside it, or a line break, mean it is not a key. */
export function checkGivenKey(key: string, from: string): string {
  const trimmed = key.trim();
  if (trimmed === '') throw new SettingsError(`${from} is empty: it must hold the FavCRM key (fav_mcp_…).`);
  if (/[\s\u0000-\u001f\u007f]/.test(trimmed)) throw new SettingsError(`${from} holds more than one word or line, so it is not a FavCRM key (fav_mcp_…).`);
  return trimmed;
}

/**
 * `--api-key-file PATH`: the key from a file, the safe form (no `ps`, no shell history). A file others can read is
 * used, with a warning.
 */
export async function readApiKeyFile(file: string, warn: (text: string) => void): Promise<string> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new SettingsError(`Cannot read --api-key-file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  try {
    const mode = (await fs.stat(file)).mode & 0o077;
    if (process.platform !== 'win32' && mode !== 0) warn(`${file} can be read by other users; \`chmod 600 ${file}\` keeps the key yours.`);
  } catch {
    // The file was read; its mode is only advice.
  }
  return checkGivenKey(text, `--api-key-file ${file}`);
}

/**
 * `--api-key -`: the key from the first line of stdin (`favcrm-chat --api-key - < key.txt`, or piped from a password
 * manager). The rest of stdin is put back, so headless mode reads its turns after it. Not from a terminal: typed
 * there, the key would be echoed on screen.
 */
export async function readApiKeyLine(input: Readable & { isTTY?: boolean }): Promise<string> {
  if (input.isTTY) throw new SettingsError('--api-key - reads the key from a pipe or file (`favcrm-chat --api-key - < key.txt`); in a terminal use --api-key-file PATH.');
  const line = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const finish = (value: string): void => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
      resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(0x0a);
      if (newline === -1) return;
      input.pause();
      const rest = all.subarray(newline + 1);
      if (rest.length > 0) input.unshift(rest);
      finish(all.subarray(0, newline).toString('utf8'));
    };
    const onEnd = (): void => finish(Buffer.concat(chunks).toString('utf8'));
    const onError = (error: Error): void => {
      input.off('data', onData);
      input.off('end', onEnd);
      reject(new SettingsError(`Cannot read the key from stdin: ${error.message}`));
    };
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onError);
  });
  return checkGivenKey(line, '--api-key - (the first line of stdin)');
}
