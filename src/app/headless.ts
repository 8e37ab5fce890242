import type { Readable, Writable } from 'node:stream';
import { approvalAnswer } from '../agent/approval-answer.js';
import { approvalCardLines } from '../agent/approval/approval-card-lines.js';
import type { AgentEvent, AgentSessionPort, ApprovalRequest } from '../agent/events.js';
import { failsTheTurn } from '../errors/error-codes.js';
import { redactDeep, redactSecrets } from '../secrets/redact-secrets.js';
import { terminalSafeJson, terminalSafeText } from '../text/terminal-safe-text.js';
import { parseSlashCommand } from '../slash-commands/slash-command.js';
import { cliInvocation } from '../config/cli-invocation.js';
import { runHeadlessCommand } from './headless-commands.js';
import { LineReader } from './line-reader.js';
import { errorMessage } from '../errors/error-message.js';

export interface HeadlessIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}


/**
 * `--headless`: each stdin line is one turn; the conversation goes to stdout (`--json`: one event per line).
 * A gated call waits for the next line: `y`/`yes` approves it, `n`/`no` declines it, and any other line (or the end
 * of stdin) declines it, then that line is read as the next turn. `--yes` approves without asking. The chat's slash
 * commands (`/auth`, `/outbox`, `/doctor`, `/tools`, `/new`, `/logout`, `/help`) are answered here, not sent to the
 * model; `/quit` ends the input. Exit 1 when the last turn failed.
 */
export async function runHeadless(session: AgentSessionPort, io: HeadlessIo, options: { json: boolean; autoApprove: boolean }): Promise<number> {
  let lastTurnFailed = false;
  let startFailed = false;
  // Text mode prints server, model and user text as it is, so every line is made terminal-safe here, before the
  // redactor (a key split by an escape sequence is whole again, and masked). A JSON line is already escaped by
  // `jsonLine`, so this leaves it as it is.
  const write = (stream: Writable, text: string): void => void stream.write(redactSecrets(terminalSafeText(text)));
  const input = new LineReader(io.stdin);
  // While a turn runs, the main loop below is awaiting it, so the approval is the only reader of stdin. Approvals
  // are answered in the order they were asked, one line each, even if a session ever asked two at once.
  let answering: Promise<void> = Promise.resolve();
  const answerFromInput = async (request: ApprovalRequest): Promise<void> => {
    write(io.stderr, headlessApprovalPrompt(request));
    const line = (await input.next())?.trim() ?? null;
    // A yes or a no ("yes please", "no thanks") answers; anything else declines and is read as the next turn.
    const answer = line === null ? null : approvalAnswer(line);
    const approved = answer === true;
    if (line !== null && answer === null) input.unread(line);
    if (!approved) write(io.stderr, `Declined "${request.title}"${line === null ? ' (stdin ended)' : ''}.\n`);
    session.answerApproval(request.approvalId, approved);
  };
  // The offline model's /tools lists what it understands, as in the chat.
  let offlineModel = false;
  const unsubscribe = session.subscribe((event) => {
    if (event.type === 'session-ready') offlineModel = event.model.offline;
    if (event.type === 'approval-request' && !options.autoApprove) {
      const { request } = event;
      // A stdin that fails mid-answer declines (fails closed) and leaves the chain ready for the next question.
      answering = answering.then(() => answerFromInput(request)).catch(() => session.answerApproval(request.approvalId, false));
    }
    if (event.type === 'error' && failsTheTurn(event.error.code)) {
      if (event.turnId) lastTurnFailed = true;
      else startFailed = true;
    }
    if (options.json) write(io.stdout, jsonLine(redactDeep(event)));
    else renderText(event, (text) => write(io.stdout, text), (text) => write(io.stderr, text));
  });

  await session.start();
  let turns = 0;
  for (let line = await input.next(); line !== null; line = await input.next()) {
    const text = line.trim();
    if (!text) continue;
    const command = parseSlashCommand(text);
    if (command?.name === 'quit') break;
    if (command) {
      // Straight to the terminal, past the redactor: the one place a full key is ever written, on request, once.
      const showKeyOnce = (io.stderr as Writable & { isTTY?: boolean }).isTTY ? (apiKey: string) => void io.stderr.write(`\nYour FavCRM key (not saved anywhere; copy it now): ${apiKey}\n\n`) : undefined;
      const output = await runHeadlessCommand(command, session, showKeyOnce, { offlineModel, command: cliInvocation(process.env) }).catch((error: unknown) => ({ title: 'Error', lines: [errorMessage(error)] }));
      if (options.json) write(io.stdout, jsonLine(redactDeep({ type: 'command-output', command: text, ...output })));
      else write(io.stdout, `${output.title}\n${output.lines.map((line) => `  ${line}`).join('\n')}\n`);
      continue;
    }
    lastTurnFailed = false;
    turns += 1;
    await session.send(text);
  }
  unsubscribe();
  await input.close();
  await session.close();
  return lastTurnFailed || (startFailed && turns === 0) ? 1 : 0;
}

/** One event as one line of JSON, safe to print (see `terminalSafeJson`). */
function jsonLine(value: unknown): string {
  return `${terminalSafeJson(value)}\n`;
}

/**
 * The approval card on stderr: the question on one line, then every argument that will be sent, one per line
 * (nested ones as `path: value`, undeclared keys flagged), the same card the chat shows.
 */
export function headlessApprovalPrompt(request: ApprovalRequest): string {
  const card = approvalCardLines(request, Infinity);
  const lines = [
    `Approve "${request.title}"? ${card.description} ${card.tool}.${card.reaches ? ` ${card.reaches}` : ''} Answer y or n on the next line (--yes approves such calls).`,
    ...card.fields.map((field) => `  ${field.text}`),
    ...(card.undeclaredNote ? [`  ${card.undeclaredNote}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

function renderText(event: AgentEvent, out: (text: string) => void, err: (text: string) => void): void {
  switch (event.type) {
    case 'session-ready': {
      const auth = event.auth.status === 'signed-in' ? `signed in (${event.auth.maskedKey}, ${event.auth.storage.location})` : 'signed out';
      err(`FavCRM ${event.endpoint.url}${event.endpoint.sandbox ? ' [SANDBOX]' : ''} · model ${event.model.label} · ${auth}\n`);
      if (event.pendingSignup) err(`Pending signup: paste the 6-digit code sent to ${event.pendingSignup.maskedEmail}.\n`);
      if (event.approvalsSkipped) err('--yes: destructive and external tool calls run without asking.\n');
      break;
    }
    case 'user-message':
      out(`you> ${event.text}\n`);
      break;
    case 'assistant-message':
      out(`assistant> ${event.text}\n`);
      break;
    case 'tool-call-start':
      out(`  · ${event.title}${event.argsSummary ? ` (${event.argsSummary})` : ''}\n`);
      break;
    case 'tool-call-end':
      out(`    ${event.ok ? '✓' : '✗'} ${event.summary}\n`);
      break;
    case 'outbox-notice':
      err(`Sandbox: the email to ${event.to} landed in the local outbox (${event.directory}). Read it with: ${event.command}\n`);
      break;
    case 'signup-completed':
      err(`Key stored in ${event.result.storage.location} (${event.result.maskedKey}).\n`);
      break;
    case 'notice':
      err(`${event.level === 'warning' ? 'warning: ' : ''}${event.text}\n`);
      break;
    case 'error':
      err(`error: ${event.error.message}\n${event.error.hint ? `  → ${event.error.hint}\n` : ''}`);
      break;
    case 'turn-end':
      if (event.reason === 'cancelled') err('(cancelled)\n');
      break;
    default:
      break;
  }
}
