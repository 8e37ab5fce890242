import { afterEach, describe, expect, it } from 'vitest';
import { SandboxHarness } from './sandbox-harness.js';

const MINUTE = 60_000;

describe('signup journey', () => {
  let harness: SandboxHarness;
  afterEach(() => harness.stop());

  it('requests a code, reads it from the outbox, verifies, and the key then authenticates', async () => {
    harness = await SandboxHarness.start({ label: 'signup' });
    const request = await harness.ok('register_organisation_request', {
      email: '  Mei@Harbour-Yoga.hk ',
      organisationName: '  Harbour Yoga  ',
      industry: 'fitness',
      country: 'hk',
      timezone: 'Asia/Hong_Kong',
    });
    expect(request.requestId).toMatch(/^req_[0-9A-Za-z]{20}$/);
    expect(request.maskedEmail).toBe('M***i@H***a.hk');
    expect(request.expiresAt).toBe('2026-03-02T09:10:00.000Z');
    expect(request.instructions).toContain('register_organisation_verify');

    const [mail] = harness.sandbox.outbox.list();
    expect(mail?.to).toBe('Mei@Harbour-Yoga.hk');
    expect(mail?.code).toMatch(/^\d{6}$/);
    expect(mail?.subject).toContain(mail?.code);
    expect(mail?.text).toContain('10 minutes');

    const verified = await harness.ok('register_organisation_verify', { requestId: request.requestId, code: mail?.code });
    expect(verified.organisationId).toMatch(/^org_/);
    expect(verified.companyId).toMatch(/^cmp_/);
    expect(verified.userId).toMatch(/^usr_/);
    expect(verified.apiKey).toMatch(/^fav_mcp_[0-9A-Za-z]{32,}$/);
    expect(verified.loginUrl).toBe('https://app.favcrm.io/login?email=Mei%40Harbour-Yoga.hk');
    const nextSteps = (verified.nextSteps as string[]).join(' ');
    for (const hint of ['whoami', 'doctor', 'get_plan_status', 'services']) expect(nextSteps).toContain(hint);
    // Said to an agent whose app took the key out of this answer: nothing to store, nothing to repeat or ask for.
    expect(nextSteps).not.toMatch(/\b(store|save|keep|copy|write down)\b[^.;]*\bkey\b/i);
    expect(nextSteps).toMatch(/app now holds the API key/);
    expect(nextSteps).toMatch(/nothing needs storing, and the key is never repeated in a chat or asked for/);

    const whoami = await harness.ok('list_my_companies', {}, verified.apiKey as string);
    expect(whoami).toMatchObject({
      total: 1,
      currentCompanyId: verified.companyId,
      user: { userId: verified.userId, email: 'Mei@Harbour-Yoga.hk' },
      items: [{ companyId: verified.companyId, name: 'Harbour Yoga', role: 'owner', active: true, industry: 'fitness', country: 'HK', timezone: 'Asia/Hong_Kong' }],
    });

    // A used request cannot be verified twice.
    await harness.fails('register_organisation_verify', { requestId: request.requestId, code: mail?.code }, 'NOT_FOUND');
  });

  it('refuses an email that already has an account, pointing at the portal, both at request and at verify', async () => {
    harness = await SandboxHarness.start({ label: 'signup-exists' });
    // Two requests for one address before either is verified: the second verify loses the race.
    const first = await harness.ok('register_organisation_request', { email: 'owner@example.com', organisationName: 'First' });
    const firstCode = harness.latestCode('owner@example.com');
    const second = await harness.ok('register_organisation_request', { email: 'OWNER@example.com', organisationName: 'Second' });
    const secondCode = harness.latestCode('OWNER@example.com');
    await harness.ok('register_organisation_verify', { requestId: first.requestId, code: firstCode });

    const race = await harness.fails('register_organisation_verify', { requestId: second.requestId, code: secondCode }, 'EMAIL_EXISTS');
    expect(race.portalUrl).toBe('https://app.favcrm.io');
    const again = await harness.fails('register_organisation_request', { email: 'Owner@Example.com', organisationName: 'Third' }, 'EMAIL_EXISTS');
    expect(again.message).toContain('https://app.favcrm.io');
    expect(again.message).toContain('Settings → MCP Keys');
    expect(again).toMatchObject({ sandbox: true });
    expect(again.message).toContain('This is the local FavCRM sandbox, whose accounts the real portal does not know');
  });

  it('answers CODE_INVALID with attemptsLeft 4..1, then locks the request even for the right code', async () => {
    harness = await SandboxHarness.start({ label: 'signup-lock' });
    const request = await harness.ok('register_organisation_request', { email: 'lock@example.com', organisationName: 'Lock Co' });
    const wrong = harness.wrongCode('lock@example.com');
    for (const attemptsLeft of [4, 3, 2, 1]) {
      const error = await harness.fails('register_organisation_verify', { requestId: request.requestId, code: wrong }, 'CODE_INVALID');
      expect(error.attemptsLeft).toBe(attemptsLeft);
      expect(error.message).toMatch(/re-check/i);
    }
    const locked = await harness.fails('register_organisation_verify', { requestId: request.requestId, code: wrong }, 'REQUEST_LOCKED');
    expect(locked.message).toContain('register_organisation_request');
    await harness.fails('register_organisation_verify', { requestId: request.requestId, code: harness.latestCode('lock@example.com') }, 'REQUEST_LOCKED');

    // A new request starts fresh.
    const fresh = await harness.ok('register_organisation_request', { email: 'lock@example.com', organisationName: 'Lock Co' });
    await harness.ok('register_organisation_verify', { requestId: fresh.requestId, code: harness.latestCode('lock@example.com') });
  });

  it('expires codes after 10 minutes by the injected clock', async () => {
    harness = await SandboxHarness.start({ label: 'signup-expiry' });
    const request = await harness.ok('register_organisation_request', { email: 'late@example.com', organisationName: 'Late Co' });
    const code = harness.latestCode('late@example.com');
    harness.clock.advance(10 * MINUTE);
    const expired = await harness.fails('register_organisation_verify', { requestId: request.requestId, code }, 'CODE_EXPIRED');
    expect(expired.message).toContain('register_organisation_request');

    const second = await harness.ok('register_organisation_request', { email: 'late@example.com', organisationName: 'Late Co' });
    harness.clock.advance(10 * MINUTE - 1000);
    await harness.ok('register_organisation_verify', { requestId: second.requestId, code: harness.latestCode('late@example.com') });
  });

  it('answers NOT_FOUND for an unknown request id and VALIDATION for a code that is not 6 digits', async () => {
    harness = await SandboxHarness.start({ label: 'signup-unknown' });
    const missing = await harness.fails('register_organisation_verify', { requestId: 'req_doesnotexist', code: '123456' }, 'NOT_FOUND');
    expect(missing.message).toContain('register_organisation_request');
    const bad = await harness.fails('register_organisation_verify', { requestId: 'req_x', code: '12345' }, 'VALIDATION');
    expect(bad.field).toBe('code');
  });

  it('accepts the code as pasted ("123 456", "123-456") or as a number with its leading zeros lost', async () => {
    harness = await SandboxHarness.start({ label: 'signup-code-forms' });
    const forms = [(code: string) => `${code.slice(0, 3)} ${code.slice(3)}`, (code: string) => `${code.slice(0, 3)}-${code.slice(3)}`, (code: string) => Number(code)];
    for (const [index, form] of forms.entries()) {
      const email = `form${index}@example.com`;
      const request = await harness.ok('register_organisation_request', { email, organisationName: 'Forms' });
      await harness.ok('register_organisation_verify', { requestId: request.requestId, code: form(harness.latestCode(email)) });
    }
  });

  it('validates every field, naming the field and the reason', async () => {
    harness = await SandboxHarness.start({ label: 'signup-validation' });
    const base = { email: 'v@example.com', organisationName: 'Valid Co' };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...base, email: 'not-an-email' }, 'email', /email address/],
      [{ organisationName: 'No Email' }, 'email', /required/],
      [{ ...base, organisationName: '   ' }, 'organisationName', /empty/],
      [{ ...base, organisationName: 'x'.repeat(121) }, 'organisationName', /120/],
      [{ ...base, industry: 'astrology' }, 'industry', /beauty, fitness, tutoring, retail, hospitality, services, other/],
      [{ ...base, country: 'ZZ' }, 'country', /ISO 3166-1/],
      [{ ...base, country: 'UK' }, 'country', /GB/],
      [{ ...base, country: 'Hong Kong' }, 'country', /ISO 3166-1/],
      [{ ...base, timezone: 'Mars/Olympus_Mons' }, 'timezone', /IANA/],
      [{ ...base, timezone: '+08:00' }, 'timezone', /IANA/],
    ];
    for (const [args, field, reason] of cases) {
      const error = await harness.fails('register_organisation_request', args, 'VALIDATION');
      expect(error.field, JSON.stringify(args)).toBe(field);
      expect(error.reason as string, JSON.stringify(args)).toMatch(reason);
      expect(error.message).toContain('register_organisation_request');
    }
    // Nothing was created or emailed by invalid requests.
    expect(harness.sandbox.outbox.list()).toEqual([]);
  });

  it('accepts UTC, runtime-known aliases and any-case country codes', async () => {
    harness = await SandboxHarness.start({ label: 'signup-aliases' });
    for (const [index, timezone] of ['UTC', 'Asia/Calcutta', 'Europe/London'].entries()) {
      const email = `tz${index}@example.com`;
      const verified = await harness.signUp(email, `TZ ${index}`, { timezone, country: 'gb' });
      const companies = await harness.ok('list_my_companies', {}, verified.apiKey);
      expect((companies.items as { timezone: string; country: string }[])[0]).toMatchObject({ timezone, country: 'GB' });
    }
  });
});

describe('signup rate limit', () => {
  let harness: SandboxHarness;
  afterEach(() => harness.stop());

  it('allows 3 requests an hour per IP, then RATE_LIMITED with retryAfterSeconds and a do-not-loop summary', async () => {
    harness = await SandboxHarness.start({ label: 'rate', signupRate: { perHour: 3, perDay: 20 } });
    for (let index = 0; index < 3; index += 1) {
      await harness.ok('register_organisation_request', { email: `r${index}@example.com`, organisationName: 'Rate Co' });
      harness.clock.advance(MINUTE);
    }
    const limited = await harness.fails('register_organisation_request', { email: 'r3@example.com', organisationName: 'Rate Co' }, 'RATE_LIMITED');
    // The first request was 3 minutes ago, so it ages out of the hour in 57 minutes.
    expect(limited.retryAfterSeconds).toBe(57 * 60);
    expect(limited.summary).toMatch(/do not retry in a loop/);
    expect(limited.summary).toContain('57 minutes');
    expect(harness.sandbox.outbox.list()).toHaveLength(3);

    harness.clock.advance(57 * MINUTE);
    await harness.ok('register_organisation_request', { email: 'r3@example.com', organisationName: 'Rate Co' });
  });

  it('does not count failed requests, and enforces the daily limit too', async () => {
    harness = await SandboxHarness.start({ label: 'rate-day', signupRate: { perHour: 2, perDay: 3 } });
    await harness.fails('register_organisation_request', { email: 'bad', organisationName: 'X' }, 'VALIDATION');
    for (let index = 0; index < 3; index += 1) {
      await harness.ok('register_organisation_request', { email: `d${index}@example.com`, organisationName: 'Day Co' });
      harness.clock.advance(61 * MINUTE);
    }
    const limited = await harness.fails('register_organisation_request', { email: 'd3@example.com', organisationName: 'Day Co' }, 'RATE_LIMITED');
    expect(limited.message).toContain('per day');
    // First request was 3×61 minutes ago; the day window frees it 24 h after it was made.
    expect(limited.retryAfterSeconds).toBe(24 * 3600 - 3 * 61 * 60);
  });

  it('applies the FavCRM default (3/hour) when no rate is given', async () => {
    harness = await SandboxHarness.start({ label: 'rate-default', signupRate: undefined });
    for (let index = 0; index < 3; index += 1) {
      await harness.ok('register_organisation_request', { email: `x${index}@example.com`, organisationName: 'Default Co' });
    }
    await harness.fails('register_organisation_request', { email: 'x3@example.com', organisationName: 'Default Co' }, 'RATE_LIMITED');
  });
});
