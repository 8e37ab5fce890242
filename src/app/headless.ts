import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { AgentEvent, AgentSessionPort } from '../agent/events.js';
import { redactDeep, redactSecrets } from '../secrets/redact-secrets.js';

export interface HeadlessIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** Turn failures that mean the run did not do its job (tool-level failures are conversation, not these). */
const FATAL_CODE = /^(SERVER_|MODEL_|INTERNAL)/;

/**
 * `--headless`: each stdin line is one turn; the conversation goes to stdout (`--json`: one event per line).
 * Gated tools are declined unless `--yes`, because nobody is there to say yes. Exit 1 when the last turn failed.
 */
export async function runHeadless(session: AgentSessionPort, io: HeadlessIo, options: { json: boolean; autoApprove: boolean }): Promise<number> {
  let lastTurnFailed = false;
  let startFailed = false;
  const write = (stream: Writable, text: string): void => void stream.write(redactSecrets(text));
  const unsubscribe = session.subscribe((event) => {
    if (event.type === 'approval-request' && !options.autoApprove) {
      write(io.stderr, `Declined "${event.request.title}": nobody can approve it in headless mode. Run with --yes to allow such calls.\n`);
      queueMicrotask(() => session.answerApproval(event.request.approvalId, false));
    }
    if (event.type === 'error' && FATAL_CODE.test(event.error.code)) {
      if (event.turnId) lastTurnFailed = true;
      else startFailed = true;
    }
    if (options.json) write(io.stdout, `${JSON.stringify(redactDeep(event))}\n`);
    else renderText(event, (text) => write(io.stdout, text), (text) => write(io.stderr, text));
  });

  await session.start();
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let turns = 0;
  for await (const line of lines) {
    const text = line.trim();
    if (!text) continue;
    if (text === '/quit' || text === '/exit') break;
    lastTurnFailed = false;
    turns += 1;
    await session.send(text);
  }
  unsubscribe();
  await session.close();
  return lastTurnFailed || (startFailed && turns === 0) ? 1 : 0;
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
