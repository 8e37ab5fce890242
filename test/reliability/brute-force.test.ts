import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SandboxHarness, type ToolReply } from '../sandbox/sandbox-harness.js';

// Every constant-time compare in the sandbox goes through node:crypto; wrapping it lets the test see the
// comparison the code check makes (lengths and outcome) without measuring time.
const { timingSafeEqual } = vi.hoisted(() => ({ timingSafeEqual: vi.fn<(a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => boolean>() }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  timingSafeEqual.mockImplementation((a, b) => actual.timingSafeEqual(a, b));
  return { ...actual, default: { ...actual, timingSafeEqual }, timingSafeEqual };
});

/** Parallel guesses: far more than the 5 allowed, fired at once to race the attempt counter. */
const PARALLEL_GUESSES = 50;

function wrongCodes(real: string, count: number): string[] {
  const codes: string[] = [];
  for (let candidate = 0; codes.length < count; candidate += 1) {
    const code = String(candidate * 7919 % 1_000_000).padStart(6, '0');
    if (code !== real && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

const codesOf = (replies: ToolReply[]) => replies.map((reply) => reply.error?.code ?? 'OK');
const tally = (codes: string[]) => Object.fromEntries([...new Set(codes)].sort().map((code) => [code, codes.filter((other) => other === code).length]));

describe('brute force against emailed codes', () => {
  let harness: SandboxHarness | undefined;
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
    timingSafeEqual.mockClear();
  });

  it(`${PARALLEL_GUESSES} parallel wrong signup codes: exactly 5 count, the request locks, and the right code then fails too, even after a restart`, async () => {
    harness = await SandboxHarness.start({ label: 'brute' });
    const request = await harness.ok('register_organisation_request', { email: 'brute@force.test', organisationName: 'Brute Force Gym' });
    const real = harness.latestCode('brute@force.test');
    const replies = await Promise.all(
      wrongCodes(real, PARALLEL_GUESSES).map((code) => (harness as SandboxHarness).call('register_organisation_verify', { requestId: request.requestId, code })),
    );
    expect(tally(codesOf(replies))).toEqual({ CODE_INVALID: 4, REQUEST_LOCKED: PARALLEL_GUESSES - 4 });
    expect(replies.filter((reply) => reply.error?.code === 'CODE_INVALID').map((reply) => reply.error?.attemptsLeft).sort()).toEqual([1, 2, 3, 4]);

    const locked = await harness.fails('register_organisation_verify', { requestId: request.requestId, code: real }, 'REQUEST_LOCKED');
    expect(locked.message).toMatch(/register_organisation_request/);

    const dataDir = harness.sandbox.dataDir;
    await harness.stop();
    const db = new Database(path.join(dataDir, 'favcrm-sandbox.sqlite'), { readonly: true });
    expect(db.prepare('SELECT failed_attempts AS n FROM signup_requests').get()).toEqual({ n: 5 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM organisations').get()).toEqual({ n: 0 });
    db.close();

    harness = await SandboxHarness.start({ dataDir });
    await harness.fails('register_organisation_verify', { requestId: request.requestId, code: real }, 'REQUEST_LOCKED');
    // The way out is a new request with a new code.
    const renewed = await harness.ok('register_organisation_request', { email: 'brute@force.test', organisationName: 'Brute Force Gym' });
    const fresh = harness.latestCode('brute@force.test');
    const verified = await harness.ok('register_organisation_verify', { requestId: renewed.requestId, code: fresh });
    expect(String(verified.apiKey)).toMatch(/^fav_mcp_/);
  });

  it(`${PARALLEL_GUESSES} parallel wrong invite codes lock the invite the same way`, async () => {
    harness = await SandboxHarness.start({ label: 'brute-invite' });
    const owner = await harness.signUp('owner@brute.test', 'Brute Salon');
    const invite = await harness.ok('create_team_member_invite', { email: 'staff@brute.test', role: 'staff' }, owner.apiKey);
    await harness.ok('accept_team_invite_request', { token: invite.token });
    const real = harness.latestCode('staff@brute.test');
    const replies = await Promise.all(
      wrongCodes(real, PARALLEL_GUESSES).map((code) => (harness as SandboxHarness).call('accept_team_invite_verify', { token: invite.token, code })),
    );
    expect(tally(codesOf(replies))).toEqual({ CODE_INVALID: 4, REQUEST_LOCKED: PARALLEL_GUESSES - 4 });
    await harness.fails('accept_team_invite_verify', { token: invite.token, code: real }, 'REQUEST_LOCKED');
  });

  it('the code check is constant-time by construction: one timingSafeEqual on two 32-byte digests decides it', async () => {
    harness = await SandboxHarness.start({ label: 'constant-time' });
    const request = await harness.ok('register_organisation_request', { email: 'ct@force.test', organisationName: 'Constant Time Cafe' });
    const real = harness.latestCode('ct@force.test');
    // Wrong codes that share none, some, or all-but-one leading digits with the real one: the same single compare.
    const nearMisses = [wrongCodes(real, 1)[0] as string, `${real.slice(0, 3)}${real[3] === '9' ? '0' : '9'}${real.slice(4)}`, `${real.slice(0, 5)}${real[5] === '9' ? '0' : '9'}`];
    for (const code of nearMisses) {
      timingSafeEqual.mockClear();
      await harness.fails('register_organisation_verify', { requestId: request.requestId, code }, 'CODE_INVALID');
      expect(timingSafeEqual).toHaveBeenCalledTimes(1);
      const [expected, actual] = timingSafeEqual.mock.calls[0] ?? [];
      expect([expected?.byteLength, actual?.byteLength]).toEqual([32, 32]);
      expect(timingSafeEqual.mock.results[0]?.value).toBe(false);
    }

    // The compare is the gate: if it says no, even the right code is refused.
    timingSafeEqual.mockClear();
    timingSafeEqual.mockImplementationOnce(() => false);
    await harness.fails('register_organisation_verify', { requestId: request.requestId, code: real }, 'CODE_INVALID');
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);

    // That was the 4th wrong try, so one more is left for the right code.
    timingSafeEqual.mockClear();
    const verified = await harness.ok('register_organisation_verify', { requestId: request.requestId, code: real });
    expect(String(verified.apiKey)).toMatch(/^fav_mcp_/);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    expect(timingSafeEqual.mock.calls[0]?.map((buffer) => buffer.byteLength)).toEqual([32, 32]);
    expect(timingSafeEqual.mock.results[0]?.value).toBe(true);
  });
});
