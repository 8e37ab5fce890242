import fs from 'node:fs';
import path from 'node:path';
import { randomBase62 } from './secret-hashing.js';
import type { Outbox, OutboxEntry, OutboxMessage } from './outbox.js';

/** Sender shown on sandbox mail; `.invalid` so nothing could ever route it. */
const FROM_ADDRESS = 'FavCRM Sandbox <no-reply@sandbox.favcrm.invalid>';
const CODE_HEADER = 'X-FavCRM-Code';
const SENT_AT_HEADER = 'X-FavCRM-Sent-At';

/**
 * The sandbox mail sink: one RFC 822 `.eml` file per message in `directory`, named
 * `<UTC timestamp>-<sequence>.eml` so a plain name sort is a time sort (sequence breaks ties in one millisecond).
 */
export function createOutbox(directory: string, now: () => Date = () => new Date()): Outbox {
  return {
    directory,
    send(message) {
      const sentAt = now();
      const text = renderMessage(message, sentAt);
      const stamp = sentAt.toISOString().replace(/[-:.]/g, '');
      for (let sequence = 0; ; sequence += 1) {
        const id = `${stamp}-${String(sequence).padStart(4, '0')}`;
        const file = path.join(directory, `${id}.eml`);
        try {
          writeNewFile(directory, file, text);
          return { ...message, id, sentAt: sentAt.toISOString(), file };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || sequence > 9998) throw error;
        }
      }
    },
    list(limit) {
      let names: string[];
      try {
        names = fs.readdirSync(directory).filter((name) => name.endsWith('.eml'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      names.sort().reverse();
      const chosen = limit === undefined ? names : names.slice(0, Math.max(0, limit));
      return chosen.map((name) => parseMessage(path.join(directory, name)));
    },
  };
}

/**
 * Creates `file` (never overwriting one) with owner-only access, all at once: the text goes to a temporary name
 * first and is then hard-linked to `file`, so someone reading the outbox (a person, `sandbox outbox`, a script
 * waiting for a code) never finds a half-written message, and an existing name still fails with EEXIST.
 * The directory is made only when the write finds it missing: a mkdir on every message was a wasted syscall per
 * email, yet someone may delete the outbox while we run.
 */
function writeNewFile(directory: string, file: string, text: string): void {
  const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.${randomBase62(8)}.tmp`);
  try {
    fs.writeFileSync(temporary, text, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    fs.writeFileSync(temporary, text, { flag: 'wx', mode: 0o600 });
  }
  try {
    fs.linkSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** Header values must stay on one line, or a crafted subject could inject headers. */
function headerValue(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ').trim();
  // RFC 2047 encoded word for anything outside printable ASCII.
  return /^[\x20-\x7e]*$/.test(flat) ? flat : `=?UTF-8?B?${Buffer.from(flat, 'utf8').toString('base64')}?=`;
}

function renderMessage(message: OutboxMessage, sentAt: Date): string {
  const headers = [
    `From: ${FROM_ADDRESS}`,
    `To: ${headerValue(message.to)}`,
    `Subject: ${headerValue(message.subject)}`,
    `Date: ${sentAt.toUTCString()}`,
    `Message-ID: <${randomBase62(24)}@sandbox.favcrm.invalid>`,
    `${SENT_AT_HEADER}: ${sentAt.toISOString()}`,
    ...(message.code === undefined ? [] : [`${CODE_HEADER}: ${headerValue(message.code)}`]),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  const body = message.text.replace(/\r?\n/g, '\r\n');
  return `${headers.join('\r\n')}\r\n\r\n${body}\r\n`;
}

function decodeHeader(value: string): string {
  return value.replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/gi, (_match, encoded: string) =>
    Buffer.from(encoded, 'base64').toString('utf8'),
  );
}

/** Reads one `.eml` back into an entry; tolerant of hand-edited files (missing headers become empty). */
function parseMessage(file: string): OutboxEntry {
  const raw = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const split = raw.indexOf('\n\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 2);
  const headers = new Map<string, string>();
  // Unfold continuation lines (RFC 822 §3.1.1) before splitting name from value.
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeHeader(line.slice(colon + 1).trim()));
  }
  const dateHeader = headers.get('date');
  const dateFromHeader = dateHeader ? new Date(dateHeader) : null;
  const sentAt =
    headers.get(SENT_AT_HEADER.toLowerCase()) ??
    (dateFromHeader && !Number.isNaN(dateFromHeader.getTime()) ? dateFromHeader.toISOString() : '');
  const code = headers.get(CODE_HEADER.toLowerCase());
  return {
    id: path.basename(file, '.eml'),
    file,
    sentAt,
    to: headers.get('to') ?? '',
    subject: headers.get('subject') ?? '',
    text: body.replace(/\n$/, ''),
    ...(code === undefined ? {} : { code }),
  };
}
