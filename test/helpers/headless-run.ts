import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { LanguageModel } from 'ai';
import { AgentSession } from '../../src/agent/agent-session.js';
import type { AgentEvent } from '../../src/agent/events.js';
import { SessionStateStore } from '../../src/agent/session-state-store.js';
import { runHeadless } from '../../src/app/headless.js';
import { connectFavcrm } from '../../src/mcp/favcrm-connection.js';
import { ConfigFileStore } from '../../src/secrets/config-file-store.js';
import { tempDir } from './agent-fixture.js';

/** A real AgentSession, signed in with `apiKey` when given, that answers nothing by itself (no auto-approve). */
export function unattendedSession(url: string, model: LanguageModel, apiKey: string | null): { session: AgentSession; events: AgentEvent[] } {
  const home = tempDir('headless');
  const store = new ConfigFileStore({ path: path.join(home, 'config.toml') });
  const session = new AgentSession({
    endpoint: { url, sandbox: true },
    connect: connectFavcrm,
    model,
    modelInfo: { label: 'scripted', offline: false },
    secretStore: store,
    initialKey: apiKey ? { apiKey, source: 'config file', storage: store.info } : null,
    stateStore: new SessionStateStore(path.join(home, 'state')),
    maxRetries: 0,
  });
  const events: AgentEvent[] = [];
  session.subscribe((event) => events.push(event));
  return { session, events };
}

/** Runs the real headless loop over `session` with `lines` on stdin (then end of input); returns what it printed. */
export async function runHeadlessLines(
  session: AgentSession,
  lines: string[],
  options: { json?: boolean; autoApprove?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const stdin = Readable.from(lines.map((line) => `${line}\n`));
  const code = await runHeadless(session, { stdin, stdout, stderr }, { json: options.json ?? false, autoApprove: options.autoApprove ?? false });
  return { code, stdout: out, stderr: err };
}
