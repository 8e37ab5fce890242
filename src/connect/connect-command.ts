import { FatalError } from '../errors/fatal-error.js';
import type { AppPaths } from '../config/paths.js';
import { displayPath, type ChooseSecretStoreOptions, type SecretStoreChoice } from '../secrets/choose-secret-store.js';
import { createRedactor } from '../secrets/redact-secrets.js';
import { ConnectError } from './connect-errors.js';
import { connectReportLines } from './connect-lines.js';
import { resolveConnectContext } from './connect-context.js';
import { resolveConnectPlace } from './connect-place.js';
import type { ConnectArguments } from './connect-arguments.js';
import { runConnect, type ConnectReport } from './run-connect.js';
import { terminalSafeText } from '../text/terminal-safe-text.js';

type Env = Record<string, string | undefined>;

interface Output {
  write(text: string): unknown;
}

export interface ConnectCommandDeps {
  env: Env;
  paths: AppPaths;
  stdout: Output;
  stderr: Output;
  platform?: NodeJS.Platform;
  cwd?: string;
  now?: () => Date;
  chooseStore?: (options: ChooseSecretStoreOptions) => Promise<SecretStoreChoice>;
  /** Read by `--api-key -`. */
  stdin?: NodeJS.ReadStream;
  /** Asks a yes/no question in a terminal; absent when nobody can answer (headless), which then needs --yes. */
  ask?: (question: string) => Promise<boolean>;
}

/**
 * `favcrm-chat connect …` with its flags as the command layer (src/commands/connect-command.ts) parsed and checked
 * them. Returns the exit code: 0 done, 1 refused or failed, 2 an unknown client or scope.
 */
export async function runConnectCommand(parsed: ConnectArguments, deps: ConnectCommandDeps): Promise<number> {
  const redactor = createRedactor();
  // Every line passes the redactor, which also knows this run's key, whatever its shape, after the terminal-safe
  // filter: URLs and names come from `.env`, flags and other clients' config files.
  const out = (text: string): void => void deps.stdout.write(redactor.redact(terminalSafeText(text)));
  const err = (text: string): void => void deps.stderr.write(redactor.redact(terminalSafeText(text)));
  const place = resolveConnectPlace(deps.env, deps.platform ?? process.platform, deps.cwd ?? process.cwd());
  const display = (file: string): string => displayPath(file, { HOME: place.home });
  const warnings: string[] = [];
  try {
    const context = await resolveConnectContext({
      env: deps.env,
      paths: deps.paths,
      place,
      onWarning: (message) => warnings.push(message),
      options: {
        ...(parsed.url !== undefined ? { url: parsed.url } : {}),
        ...(parsed.apiKey !== undefined ? { apiKey: parsed.apiKey } : {}),
        ...(parsed.apiKeyFile !== undefined ? { apiKeyFile: parsed.apiKeyFile } : {}),
        ...(parsed.keyStore !== undefined ? { keyStore: parsed.keyStore } : {}),
      },
      ...(deps.chooseStore ? { chooseStore: deps.chooseStore } : {}),
      ...(deps.stdin ? { stdin: deps.stdin } : {}),
    });
    if (context.apiKey) redactor.addSecret(context.apiKey);
    if (parsed.apiKey) redactor.addSecret(parsed.apiKey);
    const withClock = deps.now ? { ...context, now: deps.now } : context;
    let report = await runConnect(parsed.request, withClock);
    if (report.kind === 'needs-confirmation') {
      if (!parsed.json) for (const line of connectReportLines(report, display)) err(`${line}\n`);
      const agreed = parsed.yes || (!parsed.json && deps.ask !== undefined && (await deps.ask(`Write the key into ${display(report.plan.file)}? [y/N] `)));
      if (!agreed) {
        if (parsed.json) out(`${JSON.stringify(jsonReport(report, warnings), null, 2)}\n`);
        else err(`Not written. Run it again with --yes to write the key into ${display(report.plan.file)}.\n`);
        return 1;
      }
      report = await runConnect({ ...parsed.request, allowKeyInFile: true }, withClock);
    }
    if (parsed.json) out(`${JSON.stringify(jsonReport(report, warnings), null, 2)}\n`);
    else {
      for (const warning of warnings) err(`warning: ${warning}\n`);
      for (const line of connectReportLines(report, display)) out(`${line}\n`);
    }
    return 0;
  } catch (error) {
    if (!ConnectError.isInstance(error)) {
      // The resolver's own refusals (an unreadable --api-key-file, a malformed key) are messages, not crashes.
      if (FatalError.isInstance(error)) {
        err(`favcrm-chat connect: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
    if (parsed.json) out(`${JSON.stringify({ ok: false, error: { kind: error.kind, message: error.message, hint: error.hint ?? null }, warnings }, null, 2)}\n`);
    else err(`favcrm-chat connect: ${error.message}${error.hint ? `\n  ${error.hint}` : ''}\n`);
    return error.kind === 'unknown-client' || error.kind === 'unsupported-scope' ? 2 : 1;
  }
}

function jsonReport(report: ConnectReport, warnings: string[]): Record<string, unknown> {
  return { ok: report.kind !== 'needs-confirmation', ...report, warnings };
}

/** A y/N question on the terminal, or undefined when stdin or stderr is not one (scripts then pass --yes). */
export function terminalQuestion(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): ((question: string) => Promise<boolean>) | undefined {
  if (stdin.isTTY !== true || stderr.isTTY !== true) return undefined;
  return async (question) => {
    const { createInterface } = await import('node:readline/promises');
    const reader = createInterface({ input: stdin, output: stderr });
    try {
      return /^(y|yes)$/i.test((await reader.question(question)).trim());
    } finally {
      reader.close();
    }
  };
}
