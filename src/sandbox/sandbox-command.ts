import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { resolveAppPaths } from '../config/paths.js';
import { UsageError } from '../errors/fatal-error.js';
import { errorMessage } from '../errors/error-message.js';
import { DEFAULT_SANDBOX_PORT } from '../config/sandbox-port.js';
import { createOutbox } from './outbox-directory.js';
import type { OutboxEntry } from './outbox.js';
import { parseRateLimit, type RateLimit } from './rate-limit.js';
import { startSandbox } from './start-sandbox.js';
import { terminalSafeJson, terminalSafeWriter } from '../text/terminal-safe-text.js';

/** How many outbox messages `sandbox outbox` shows unless told otherwise. */
const DEFAULT_OUTBOX_LIMIT = 20;

export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Stops a running `sandbox` like SIGINT would (tests and embedding callers). */
  signal?: AbortSignal;
}

/** Reads a whole-number flag in [min, max], or `fallback` when it is absent; anything else is a usage error. */
function wholeNumberFlag(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  const parsed = z.coerce.number().int().min(min).max(max).safeParse(value ?? fallback);
  if (!parsed.success) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${value}".`);
  return parsed.data;
}

/** `favcrm-chat sandbox` flags, as src/commands/sandbox-command.ts parsed them. */
export interface SandboxServeFlags {
  port?: string;
  data?: string;
  signupRate?: string;
  inviteCodeRate?: string;
  quiet: boolean;
}

/** `favcrm-chat sandbox outbox` flags. */
export interface SandboxOutboxFlags {
  data?: string;
  json: boolean;
  limit?: string;
}

/**
 * Outbox subjects carry the workspace name whoever signed up chose, and log lines carry request data: every line
 * printed passes the terminal-safe filter (an OSC 52 in a subject must not write to the clipboard).
 */
function terminalSafeIo(io: CommandIo): CommandIo {
  return { ...io, stdout: terminalSafeWriter(io.stdout), stderr: terminalSafeWriter(io.stderr) };
}

/** A `3/h,20/d` or `off` flag; undefined when absent (the sandbox's default applies). */
function rateFlag(flag: string, value: string | undefined): RateLimit | null | undefined {
  if (value === undefined) return undefined;
  try {
    return parseRateLimit(value);
  } catch (error) {
    throw new UsageError(`--${flag}: ${errorMessage(error)}`);
  }
}

function dataDirFrom(value: string | undefined): string {
  return path.resolve(value ?? resolveAppPaths().sandboxDataDir);
}

/**
 * `favcrm-chat sandbox`: runs the server until SIGINT, SIGTERM or `io.signal`. Resolves with 0 after a clean
 * shutdown; a bad flag throws a UsageError (exit 2), a server that cannot start a SandboxStartError (exit 1).
 */
export async function serveSandbox(values: SandboxServeFlags, rawIo: CommandIo): Promise<number> {
  const io = terminalSafeIo(rawIo);
  const port = wholeNumberFlag('port', values.port, DEFAULT_SANDBOX_PORT, 0, 65535);
  const signupRate = rateFlag('signup-rate', values.signupRate);
  const inviteCodeRate = rateFlag('invite-code-rate', values.inviteCodeRate);
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

/** `favcrm-chat sandbox outbox`: the newest "emails" the sandbox wrote, as a table or JSON. */
export function showOutbox(values: SandboxOutboxFlags, rawIo: CommandIo): number {
  const io = terminalSafeIo(rawIo);
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
