import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SandboxHarness } from './sandbox-harness.js';

const HOUR = 3_600_000;

describe('team invites', () => {
  let harness: SandboxHarness;
  let owner: Awaited<ReturnType<SandboxHarness['signUp']>>;

  beforeEach(async () => {
    harness = await SandboxHarness.start({ label: 'team' });
    owner = await harness.signUp('owner@team.example', 'Team Salon');
  });
  afterEach(() => harness.stop());

  it('lets an owner invite; the invitee gets a code by email, a key, and sees the same company', async () => {
    const invite = await harness.ok('create_team_member_invite', { email: 'kit@team.example', name: 'Kit' }, owner.apiKey);
    expect(invite).toMatchObject({ email: 'kit@team.example', role: 'staff', expiresAt: '2026-03-05T09:00:00.000Z' });
    expect(invite.inviteId).toMatch(/^tmi_/);
    expect(invite.token).toMatch(/^invite_[0-9A-Za-z]{32}$/);
    expect(invite.inviteUrl).toContain(encodeURIComponent(invite.token as string));
    expect(harness.sandbox.outbox.list()[0]?.text).toContain(invite.token);

    const requested = await harness.ok('accept_team_invite_request', { token: invite.token });
    expect(requested.maskedEmail).toBe('k***t@t***m.example');
    expect(requested.expiresAt).toBe('2026-03-02T09:10:00.000Z');
    expect(requested.instructions).toContain('accept_team_invite_verify');

    const joined = await harness.ok('accept_team_invite_verify', {
      token: invite.token,
      code: harness.latestCode('kit@team.example'),
    });
    expect(joined).toMatchObject({ companyId: owner.companyId, role: 'staff' });
    expect(joined.userId).toMatch(/^usr_/);
    expect(joined.apiKey).toMatch(/^fav_mcp_/);
    expect(joined.apiKey).not.toBe(owner.apiKey);
    expect(joined.loginUrl).toContain('kit%40team.example');
    expect((joined.nextSteps as string[]).length).toBeGreaterThan(0);
    expect((joined.nextSteps as string[]).join(' ')).not.toMatch(/\b(store|save|keep|copy)\b[^.;]*\bkey\b/i);

    const seen = await harness.ok('list_my_companies', {}, joined.apiKey as string);
    expect(seen.currentCompanyId).toBe(owner.companyId);
    expect(seen.items).toEqual([expect.objectContaining({ companyId: owner.companyId, name: 'Team Salon', role: 'staff', active: true })]);

    // The invite is single use.
    await harness.fails('accept_team_invite_request', { token: invite.token }, 'NOT_FOUND');
  });

  it('limits codes per invite (5 an hour), so a leaked token cannot buy endless tries at the code', async () => {
    const invite = await harness.ok('create_team_member_invite', { email: 'many@team.example' }, owner.apiKey);
    for (let index = 0; index < 5; index += 1) await harness.ok('accept_team_invite_request', { token: invite.token });
    const limited = await harness.fails('accept_team_invite_request', { token: invite.token }, 'RATE_LIMITED');
    expect(limited.message).toMatch(/5 per hour/);
    expect(limited.retryAfterSeconds).toBe(3600);
    // Another invite is not affected, and an hour later this one gets codes again.
    const other = await harness.ok('create_team_member_invite', { email: 'other@team.example' }, owner.apiKey);
    await harness.ok('accept_team_invite_request', { token: other.token });
    harness.clock.advance(HOUR);
    await harness.ok('accept_team_invite_request', { token: invite.token });
    const joined = await harness.ok('accept_team_invite_verify', { token: invite.token, code: harness.latestCode('many@team.example') });
    expect(joined.role).toBe('staff');
  });

  it('lets a manager invite, but not staff (FORBIDDEN), and refuses to invite an existing member', async () => {
    const manager = await harness.joinByInvite(owner.apiKey, 'manager@team.example', 'manager');
    const staff = await harness.joinByInvite(manager.apiKey, 'staff@team.example');
    expect(staff.role).toBe('staff');
    const forbidden = await harness.fails('create_team_member_invite', { email: 'x@team.example' }, 'FORBIDDEN', staff.apiKey);
    expect(forbidden.message).toMatch(/owner or manager/);
    await harness.fails('create_team_member_invite', { email: 'STAFF@team.example' }, 'CONFLICT', owner.apiKey);
    await harness.fails('create_team_member_invite', { email: 'y@team.example', role: 'owner' }, 'VALIDATION', owner.apiKey);
    await harness.fails('create_team_member_invite', { email: 'y@team.example' }, 'UNAUTHORIZED');
  });

  it('expires invites (INVITE_EXPIRED, ask a manager) and honours expiresInHours', async () => {
    const invite = await harness.ok('create_team_member_invite', { email: 'late@team.example', expiresInHours: 2 }, owner.apiKey);
    expect(invite.expiresAt).toBe('2026-03-02T11:00:00.000Z');
    harness.clock.advance(2 * HOUR);
    const expired = await harness.fails('accept_team_invite_request', { token: invite.token }, 'INVITE_EXPIRED');
    expect(expired.message).toMatch(/manager/);
    await harness.fails('accept_team_invite_verify', { token: invite.token, code: '123456' }, 'INVITE_EXPIRED');
  });

  it('applies the wrong-code, lock and expiry rules to invite codes', async () => {
    const invite = await harness.ok('create_team_member_invite', { email: 'try@team.example' }, owner.apiKey);
    await harness.fails('accept_team_invite_verify', { token: invite.token, code: '123456' }, 'CODE_EXPIRED');
    await harness.ok('accept_team_invite_request', { token: invite.token });
    const wrong = harness.wrongCode('try@team.example');
    for (const attemptsLeft of [4, 3, 2, 1]) {
      const error = await harness.fails('accept_team_invite_verify', { token: invite.token, code: wrong }, 'CODE_INVALID');
      expect(error.attemptsLeft).toBe(attemptsLeft);
    }
    await harness.fails('accept_team_invite_verify', { token: invite.token, code: wrong }, 'REQUEST_LOCKED');
    await harness.fails('accept_team_invite_verify', { token: invite.token, code: harness.latestCode('try@team.example') }, 'REQUEST_LOCKED');

    // A new code resets the tries; it then expires after 10 minutes.
    await harness.ok('accept_team_invite_request', { token: invite.token });
    const code = harness.latestCode('try@team.example');
    harness.clock.advance(10 * 60_000);
    const expired = await harness.fails('accept_team_invite_verify', { token: invite.token, code }, 'CODE_EXPIRED');
    expect(expired.message).toContain('accept_team_invite_request');

    await harness.ok('accept_team_invite_request', { token: invite.token });
    await harness.ok('accept_team_invite_verify', { token: invite.token, code: harness.latestCode('try@team.example'), name: 'Try' });
  });

  it('answers NOT_FOUND for an unknown token', async () => {
    const error = await harness.fails('accept_team_invite_request', { token: 'inv_made_up' }, 'NOT_FOUND');
    expect(error.message).toMatch(/new invite/);
  });
});
