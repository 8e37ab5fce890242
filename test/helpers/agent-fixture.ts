import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LanguageModel } from 'ai';
import { AgentSession, type AgentSessionOptions } from '../../src/agent/agent-session.js';
import type { AgentEvent, ApprovalRequest } from '../../src/agent/events.js';
import { SessionStateStore } from '../../src/agent/session-state-store.js';
import { connectFavcrm } from '../../src/mcp/favcrm-connection.js';
import { ConfigFileStore } from '../../src/secrets/config-file-store.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `favcrm-${label}-`));
}

/** A sandbox over real HTTP in a temp dir, with the rate limit off unless a test turns it on. */
export async function startTestSandbox(options: { dataDir?: string; now?: () => Date; signupRate?: { perHour: number; perDay: number } | null; port?: number } = {}): Promise<RunningSandbox> {
  return startSandbox({ port: options.port ?? 0, dataDir: options.dataDir ?? tempDir('sandbox'), signupRate: options.signupRate ?? null, quiet: true, ...(options.now ? { now: options.now } : {}) });
}

export interface SessionFixture {
  session: AgentSession;
  events: AgentEvent[];
  configFile: string;
  stateDir: string;
  store: ConfigFileStore;
}

/** An AgentSession against `url` with a real 0600 config-file store and state dir in temp dirs. */
export function createTestSession(
  url: string,
  model: LanguageModel,
  overrides: Partial<AgentSessionOptions> & { home?: string; approve?: (request: ApprovalRequest) => boolean } = {},
): SessionFixture {
  const home = overrides.home ?? tempDir('home');
  const configFile = path.join(home, 'config', 'favcrm', 'config.toml');
  const stateDir = path.join(home, 'state');
  const store = new ConfigFileStore({ path: configFile });
  const events: AgentEvent[] = [];
  const session = new AgentSession({
    endpoint: { url, sandbox: true, outboxDirectory: path.join(home, 'outbox') },
    connect: connectFavcrm,
    model,
    modelInfo: { label: 'scripted', offline: false },
    secretStore: store,
    initialKey: null,
    stateStore: new SessionStateStore(stateDir),
    maxRetries: 0,
    ...overrides,
  });
  // Like a person at the keyboard: answer every approval prompt (yes unless the test says otherwise).
  const approve = overrides.approve ?? (() => true);
  session.subscribe((event) => {
    events.push(event);
    if (event.type === 'approval-request') queueMicrotask(() => session.answerApproval(event.request.approvalId, approve(event.request)));
  });
  return { session, events, configFile, stateDir, store };
}

/** Everything a test can capture from a session's side effects, as one string to search for secrets. */
export function capturedText(fixture: SessionFixture): string {
  const stateFiles = fs.existsSync(fixture.stateDir)
    ? fs.readdirSync(fixture.stateDir).map((name) => fs.readFileSync(path.join(fixture.stateDir, name), 'utf8'))
    : [];
  return JSON.stringify(fixture.events) + JSON.stringify(fixture.session.messages) + stateFiles.join('\n');
}

/** The 6-digit code of the newest outbox message to `email`. */
export function latestCode(sandbox: RunningSandbox, email?: string): string {
  const message = sandbox.outbox.list().find((entry) => !email || entry.to === email);
  if (!message?.code) throw new Error(`no code in the outbox for ${email ?? 'anyone'}`);
  return message.code;
}
