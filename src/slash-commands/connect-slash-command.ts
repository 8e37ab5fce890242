/** `/connect [client] [--remove] [--dry-run] [--scope user|project]`: the CLI's connect, for the chat's endpoint. */
import type { AgentSessionPort } from '../agent/events.js';
import { parseConnectArgs } from '../connect/connect-arguments.js';
import { connectReportLines } from '../connect/connect-lines.js';

/** Flags that pick another endpoint or key: in the chat, connect writes for the ones the chat is using. */
const CLI_ONLY_FLAGS = /^--(url|api-key|api-key-file|key-store|json|yes)\b|^-y$/;

/** Refused before anything runs; shown as an error line with its hint. */
export class ConnectUsageError extends Error {
  override readonly name = 'ConnectUsageError';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export interface ConnectOutput {
  title: string;
  lines: string[];
  /** Nothing was written: the key would go into the file, and the person has to agree first. */
  needsConfirmation: boolean;
}

/**
 * Runs `/connect …` against the session and returns what to show. `confirmed`: the person typed it again after
 * being told the key goes into the file. `againHint` says how to agree (typing it again, or the CLI's --yes).
 */
export async function connectCommandOutput(args: readonly string[], session: AgentSessionPort, confirmed: boolean, againHint: (client: string) => string): Promise<ConnectOutput> {
  const cliOnly = args.find((arg) => CLI_ONLY_FLAGS.test(arg));
  if (cliOnly) throw new ConnectUsageError(`${cliOnly} is for \`favcrm-chat connect\` in a terminal; here connect uses the chat's endpoint and key.`, 'Try /connect, /connect <client>, --dry-run, --remove or --scope project.');
  const parsed = parseConnectArgs(args);
  if ('error' in parsed) throw new ConnectUsageError(parsed.error, 'Try /connect to list the clients, then /connect <client>.');
  const report = await session.connectClient({ ...parsed.request, ...(confirmed ? { allowKeyInFile: true } : {}) });
  const lines = connectReportLines(report, (file) => file);
  if (report.kind === 'needs-confirmation') {
    lines.push(againHint(report.plan.client));
    return { title: 'Write the key into a file?', lines, needsConfirmation: true };
  }
  return { title: report.kind === 'listing' ? 'Connect another agent' : `Connect ${report.plan.clientName}`, lines, needsConfirmation: false };
}
