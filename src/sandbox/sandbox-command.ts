import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { resolveAppPaths } from '../config/paths.js';
import { DEFAULT_SANDBOX_PORT } from '../config/sandbox-port.js';
import { createOutbox } from './outbox-directory.js';
import type { OutboxEntry } from './outbox.js';
import { parseRateLimit, type RateLimit } from './rate-limit.js';
import { SandboxStartError, startSandbox } from './start-sandbox.js';
import { terminalSafeJson, terminalSafeWriter } from '../ui/format/terminal-safe-text.js';

/** How many outbox messages `sandbox outbox` shows unless told otherwise. */
const DEFAULT_OUTBOX_LIMIT = 20;

export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Stops a running `sandbox` like SIGINT would (tests and embedding callers). */
  signal?: AbortSignal;
}

const USAGE = `Usage:
  favcrm-chat sandbox [--port N] [--data DIR] [--signup-rate 3/h,20/d|off] [--invite-code-rate 5/h,20/d|off] [--quiet]
      Run the local FavCRM MCP server on 127.0.0.1 until Ctrl-C (default port ${DEFAULT_SANDBOX_PORT}; 0 picks a free one).
  favcrm-chat sandbox outbox [--data DIR] [--json] [--limit N]
      Show the newest "emails" the sandbox wrote (verification codes, invites).
`;

/** A flag problem; printed with the usage and exit code 2, like other CLI usage errors. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Reads a whole-number flag in [min, max], or `fallback` when it is absent; anything else is a usage error. */
function wholeNumberFlag(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  const parsed = z.coerce.number().int().min(min).max(max).safeParse(value ?? fallback);
  if (!parsed.success) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${value}".`);
  return parsed.data;
}

/**
 * `favcrm-chat sandbox ...`. `args` are the words after `sandbox` (a leading `sandbox` is tolerated).
 * Resolves with the exit code: 0 after a clean shutdown, 1 when the server cannot start, 2 for usage errors.
 */
export async function runSandboxCommand(args: string[], rawIo: CommandIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const words = args[0] === 'sandbox' ? args.slice(1) : args;
  // Outbox subjects carry the workspace name whoever signed up chose, and log lines carry request data: every line
  // printed passes the terminal-safe filter (an OSC 52 in a subject must not write to the clipboard).
  const io: CommandIo = { ...rawIo, stdout: terminalSafeWriter(rawIo.stdout), stderr: terminalSafeWriter(rawIo.stderr) };
  try {
    if (words[0] === 'outbox') return showOutbox(words.slice(1), io);
    return await serve(words, io);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (SandboxStartError.isInstance(error)) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** A `3/h,20/d` or `off` flag; undefined when absent (the sandbox's default applies). */
function rateFlag(flag: string, value: string | undefined): RateLimit | null | undefined {
  if (value === undefined) return undefined;
  try {
    return parseRateLimit(value);
  } catch (error) {
    throw new UsageError(`--${flag}: ${(error as Error).message}`);
  }
}

function dataDirFrom(value: string | undefined): string {
  return path.resolve(value ?? resolveAppPaths().sandboxDataDir);
}

async function serve(words: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: words,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      'signup-rate': { type: 'string' },
      'invite-code-rate': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const port = wholeNumberFlag('port', values.port, DEFAULT_SANDBOX_PORT, 0, 65535);
  const signupRate = rateFlag('signup-rate', values['signup-rate']);
  const inviteCodeRate = rateFlag('invite-code-rate', values['invite-code-rate']);
  const sandbox = await startSandbox({
    port,
    dataDir: dataDirFrom(values.data),
    signupRate,
    inviteCodeRate,
    quiet: values.quiet,
    log: (line) => io.stderr.write(`${line}\n`),
  });
  io.stdout.write(
    [
      `FavCRM sandbox listening on ${sandbox.url}`,
      `  data:   ${sandbox.dataDir}`,
      `  outbox: ${sandbox.outboxDirectory}  (favcrm-chat sandbox outbox --data ${sandbox.dataDir})`,
      `  try:    favcrm --url ${sandbox.url} signup request --email you@example.com --organisation-name "My Studio"`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await waitForStop(io.signal);
  await sandbox.close();
  io.stdout.write('FavCRM sandbox stopped.\n');
  return 0;
}

/** Resolves on SIGINT, SIGTERM or the abort signal, removing its listeners again. */
function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop);
  });
}

function showOutbox(words: string[], io: CommandIo): number {
  const { values } = parseArgs({
    args: words,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const limit = wholeNumberFlag('limit', values.limit, DEFAULT_OUTBOX_LIMIT, 1, 10_000);
  const dataDir = dataDirFrom(values.data);
  // A mistyped --data must not read as "no codes yet": the person would wait for an email that went elsewhere.
  if (values.data !== undefined && !fs.existsSync(dataDir)) {
    io.stderr.write(`There is no sandbox data in ${dataDir}. Pass the --data the sandbox was started with (its start line names it), or leave --data out for the default.\n`);
    return 1;
  }
  const directory = path.join(dataDir, 'outbox');
  const entries = createOutbox(directory).list(limit);
  if (values.json) {
    const rows = entries.map(({ sentAt, to, subject, code, file }) => ({ sentAt, to, subject, code: code ?? null, file }));
    io.stdout.write(`${terminalSafeJson(rows, 2)}\n`);
    return 0;
  }
  if (entries.length === 0) {
    io.stdout.write(`No messages in ${directory} yet.\n`);
    return 0;
  }
  io.stdout.write(`${formatTable(entries)}\nNewest first; files in ${directory}\n`);
  return 0;
}

function formatTable(entries: OutboxEntry[]): string {
  const rows = [
    ['TIME', 'TO', 'CODE', 'SUBJECT'],
    ...entries.map((entry) => [entry.sentAt, entry.to, entry.code ?? '-', entry.subject]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  ').trimEnd())
    .join('\n');
}
