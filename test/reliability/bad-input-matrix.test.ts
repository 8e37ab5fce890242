import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent, PendingSignup, TranscriptEntry } from '../../src/agent/events.js';
import { OfflineLanguageModel } from '../../src/agent/offline/offline-model.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { createTestSession, latestCode, startTestSandbox, type SessionFixture } from '../helpers/agent-fixture.js';

// The rest of the matrix lives next to the loop: dead server, 500, garbage, model 401/429/timeout in
// test/agent/failure-paths.test.ts; wrong and expired codes and an existing account in
// test/agent/offline-journey.test.ts. These are the cases missing there, each followed by a look at what was saved.

const assistantTexts = (events: readonly AgentEvent[]) => events.flatMap((event) => (event.type === 'assistant-message' ? [event.text] : []));
const toolEnds = (events: readonly AgentEvent[]) => events.flatMap((event) => (event.type === 'tool-call-end' ? [event] : []));

interface SavedSession {
  pendingSignup: PendingSignup | null;
  transcript: TranscriptEntry[];
  messages: Array<{ role: string }>;
}

/** The session file exactly as the next start would read it. */
function savedSession(fixture: SessionFixture): SavedSession {
  return JSON.parse(fs.readFileSync(path.join(fixture.stateDir, 'session.json'), 'utf8')) as SavedSession;
}

/** Runs one turn and returns only its events. */
async function turn(fixture: SessionFixture, text: string): Promise<AgentEvent[]> {
  const from = fixture.events.length;
  await fixture.session.send(text);
  return fixture.events.slice(from);
}

describe('bad input: a clear message, and the state is kept', () => {
  let sandbox: RunningSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('an email the server would reject is asked about before any request (same schema); the corrected email then goes through', async () => {
    sandbox = await startTestSandbox();
    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel());
    await fixture.session.start();

    // Caught before the approval card, with the server's own rule, instead of refused after it (issue #20).
    const rejected = await turn(fixture, 'Sign me up: Typo Pilates, a pilates studio in Dublin, Ireland. owner@typopilates.c');
    expect(toolEnds(rejected)).toEqual([]);
    expect(rejected.some((event) => event.type === 'approval-request')).toBe(false);
    const reply = assistantTexts(rejected).at(-1) ?? '';
    expect(reply).toMatch(/"owner@typopilates\.c" can't be used: the part after the @ does not end in a domain like \.com, and FavCRM would refuse it/);
    expect(reply).toMatch(/What should I use as the email/);
    expect(sandbox.outbox.list()).toHaveLength(0);
    let saved = savedSession(fixture);
    expect(saved.pendingSignup).toBeNull();
    expect(saved.transcript.filter((entry) => entry.kind === 'user')).toHaveLength(1);

    const fixed = await turn(fixture, 'sorry, it is owner@typopilates.com');
    expect(toolEnds(fixed)).toMatchObject([{ toolName: 'register_organisation_request', ok: true }]);
    const approval = fixed.find((event) => event.type === 'approval-request');
    // The rest of the first sentence was kept: only the email changed.
    expect(approval?.type === 'approval-request' && approval.request.description).toMatch(/owner@typopilates\.com.*Typo Pilates/);
    saved = savedSession(fixture);
    expect(saved.pendingSignup).toMatchObject({ maskedEmail: 'o***r@t***s.com' });
    await fixture.session.send(latestCode(sandbox, 'owner@typopilates.com'));
    expect(fixture.session.authStatus().status).toBe('signed-in');
    await fixture.session.close();
  });

  it('five or seven digits are not a code: the offline model reminds the person and nothing reaches verify', async () => {
    sandbox = await startTestSandbox();
    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel());
    await fixture.session.start();
    await turn(fixture, 'Register my florist Petal Post in Auckland, New Zealand, hello@petalpost.nz');
    const pending = savedSession(fixture).pendingSignup;
    expect(pending?.requestId).toMatch(/^req_/);

    for (const [text, digits, seen] of [
      ['12345', 5, '[not a code: 5 digits]'],
      ['1234567', 7, '[not a code: 7 digits]'],
      ['the code is 12345', 5, 'the code is [not a code: 5 digits]'],
      ['code: 9876543', 7, 'code: [not a code: 7 digits]'],
    ] as const) {
      const events = await turn(fixture, text);
      expect(toolEnds(events), text).toEqual([]);
      expect(assistantTexts(events).at(-1), text).toMatch(new RegExp(`That's ${digits} digits, but the code has 6\\. Check the email to h\\*\\*\\*o@p\\*\\*\\*t\\.nz`));
      // A mistyped code is still most of the code: the model and the saved conversation see a placeholder.
      const saved = savedSession(fixture);
      expect(saved.pendingSignup).toEqual(pending);
      expect(saved.transcript.filter((entry) => entry.kind === 'user').at(-1)).toEqual({ kind: 'user', text: seen });
    }
    const db = new Database(path.join(sandbox.dataDir, 'favcrm-sandbox.sqlite'), { readonly: true });
    expect(db.prepare('SELECT failed_attempts AS n FROM signup_requests').get()).toEqual({ n: 0 });
    db.close();

    await fixture.session.send(latestCode(sandbox, 'hello@petalpost.nz'));
    expect(fixture.session.authStatus().status).toBe('signed-in');
    expect(savedSession(fixture).pendingSignup).toBeNull();
    await fixture.session.close();
  });

  it('rate limited: one request call, a message with the retry time, no retry loop, and no retry on the next message either', async () => {
    sandbox = await startTestSandbox({ signupRate: { perHour: 1, perDay: 20 } });
    // Someone on the same network used this hour's signup.
    const earlier = createTestSession(sandbox.url, new OfflineLanguageModel());
    await earlier.session.start();
    await earlier.session.send('Sign me up: First Come Cafe in Osaka, Japan. first@come.jp');
    expect(toolEnds(earlier.events)).toMatchObject([{ ok: true }]);
    await earlier.session.close();

    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel());
    await fixture.session.start();
    const limited = await turn(fixture, 'Sign me up: Second Wave Surf, a surf school in Osaka, Japan. second@wave.jp');
    const calls = limited.filter((event) => event.type === 'tool-call-start');
    expect(calls).toHaveLength(1);
    expect(toolEnds(limited)).toMatchObject([{ toolName: 'register_organisation_request', ok: false, errorCode: 'RATE_LIMITED' }]);
    const reply = assistantTexts(limited).at(-1) ?? '';
    expect(reply).toMatch(/try again in about \d+ minutes?/);
    expect(reply).toMatch(/won't retry/);
    expect(limited.at(-1)).toMatchObject({ type: 'turn-end', reason: 'done' });
    expect(sandbox.outbox.list()).toHaveLength(1);
    let saved = savedSession(fixture);
    expect(saved.pendingSignup).toBeNull();
    expect(saved.transcript.filter((entry) => entry.kind === 'user')).toHaveLength(1);

    // Asking again in other words does not fire another request: the model waits to be told to try again.
    const nudged = await turn(fixture, 'Sign me up: Second Wave Surf, a surf school in Osaka, Japan. second@wave.jp');
    expect(toolEnds(nudged)).toEqual([]);
    expect(assistantTexts(nudged).at(-1)).toMatch(/wait before another signup request.*"try again"/s);
    saved = savedSession(fixture);
    expect(saved.pendingSignup).toBeNull();
    expect(saved.transcript.filter((entry) => entry.kind === 'user')).toHaveLength(2);
    await fixture.session.close();
  });
});
