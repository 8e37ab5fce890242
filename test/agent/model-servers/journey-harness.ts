import type { AgentEvent } from '../../../src/agent/events.js';
import { buildRemoteModel, type ModelDialect } from '../../../src/agent/model/build-remote-model.js';
import type { RunningSandbox } from '../../../src/sandbox/start-sandbox.js';
import { createTestSession, latestCode, startTestSandbox, type SessionFixture } from '../../helpers/agent-fixture.js';
import type { Dialect } from './dialects.js';
import { startReplayServer, type ChatRequest, type Reply, type ReplayServer } from './replay-server.js';
import { SIGNUP_EMAIL, signupBrain } from './signup-brain.js';

export const PROVIDERS: ModelDialect[] = ['openai', 'openai-compatible'];

export interface Harness {
  sandbox: RunningSandbox;
  server: ReplayServer;
  fixture: SessionFixture;
  close(): Promise<void>;
}

/** The real sandbox, a replay server answering with `reply`, and a session on the real provider over it. */
export async function startHarness(
  provider: ModelDialect,
  reply: (body: ChatRequest, index: number) => Reply,
  deadlines = { firstTokenMs: 5_000, idleMs: 5_000 },
  sessionOptions: { contextBudgetTokens?: number } = {},
): Promise<Harness> {
  const sandbox = await startTestSandbox();
  const server = await startReplayServer(reply);
  const model = await buildRemoteModel({ modelId: 'test-model', baseURL: server.baseURL, apiKey: 'not-needed', deadlines, dialect: provider });
  const fixture = createTestSession(sandbox.url, model, { modelInfo: { label: 'replay', offline: false }, ...sessionOptions });
  await fixture.session.start();
  return {
    sandbox,
    server,
    fixture,
    close: async () => {
      await fixture.session.close();
      await server.close();
      await sandbox.close();
    },
  };
}

/** Replies for the whole signup journey in one dialect. */
export const journeyIn = (dialect: Dialect) => (body: ChatRequest, index: number): Reply => ({ frames: dialect(signupBrain(body), index) });

/** Sign-up sentence, then the emailed code, as a person would type them. */
export async function runSignupJourney(harness: Harness): Promise<void> {
  await harness.fixture.session.send(`Sign me up: Moon Cafe in Kyoto, ${SIGNUP_EMAIL}`);
  const code = latestCode(harness.sandbox, SIGNUP_EMAIL);
  await harness.fixture.session.send(code);
}

export const errorsOf = (events: AgentEvent[]) => events.flatMap((event) => (event.type === 'error' ? [event.error] : []));
export const assistantTexts = (events: AgentEvent[]) => events.flatMap((event) => (event.type === 'assistant-message' ? [event.text] : []));
export const toolEnds = (events: AgentEvent[]) => events.flatMap((event) => (event.type === 'tool-call-end' ? [`${event.toolName}:${event.ok ? 'ok' : 'failed'}`] : []));
