import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxHarness } from './sandbox-harness.js';

describe('workspaces', () => {
  let harness: SandboxHarness;
  let alice: Awaited<ReturnType<SandboxHarness['signUp']>>;
  let bob: Awaited<ReturnType<SandboxHarness['signUp']>>;

  beforeAll(async () => {
    harness = await SandboxHarness.start({ label: 'workspace' });
    alice = await harness.signUp('alice@a.example', 'Alice Nails', { country: 'HK' });
    bob = await harness.signUp('bob@b.example', 'Bob Barbers', { country: 'GB' });
  });
  afterAll(() => harness.stop());

  it('shows each key only its own companies', async () => {
    const aliceView = await harness.ok('list_my_companies', {}, alice.apiKey);
    const bobView = await harness.ok('list_my_companies', {}, bob.apiKey);
    expect(aliceView.items).toEqual([expect.objectContaining({ companyId: alice.companyId, name: 'Alice Nails' })]);
    expect(bobView.items).toEqual([expect.objectContaining({ companyId: bob.companyId, name: 'Bob Barbers' })]);
    expect(alice.companyId).not.toBe(bob.companyId);
  });

  it('keeps CRM data apart: one company’s customers are invisible to another company’s key', async () => {
    const created = await harness.ok('create_account', { name: 'Only Alice Customer', email: 'cust@a.example' }, alice.apiKey);
    await harness.ok('create_account', { name: 'Only Bob Customer' }, bob.apiKey);
    const aliceSees = await harness.ok('search_members', {}, alice.apiKey);
    const bobSees = await harness.ok('search_members', {}, bob.apiKey);
    expect((aliceSees.items as { name: string }[]).map((item) => item.name)).toEqual(['Only Alice Customer']);
    expect((bobSees.items as { name: string }[]).map((item) => item.name)).toEqual(['Only Bob Customer']);
    expect((await harness.ok('search_members', { search: 'Alice' }, bob.apiKey)).total).toBe(0);
    const accountId = (created.accountId ?? created.id) as string;
    expect(accountId).toMatch(/^acc_/);
    await harness.fails('get_member_profile', { accountId }, 'NOT_FOUND', bob.apiKey);
  });

  it('refuses to switch into a company the user is not a member of, or one that does not exist', async () => {
    const forbidden = await harness.fails('switch_company', { companyId: bob.companyId }, 'FORBIDDEN', alice.apiKey);
    expect(forbidden.message).toContain('list_my_companies');
    await harness.fails('switch_company', { companyId: 'cmp_nothing_here' }, 'NOT_FOUND', alice.apiKey);
    expect((await harness.ok('list_my_companies', {}, alice.apiKey)).currentCompanyId).toBe(alice.companyId);
  });

  it('switches per key and keeps the choice across stateless requests', async () => {
    // Bob invites Alice: her new key works in Bob's company, her old key stays in hers.
    const invite = await harness.ok('create_team_member_invite', { email: 'ALICE@a.example', role: 'manager' }, bob.apiKey);
    await harness.ok('accept_team_invite_request', { token: invite.token });
    const joined = await harness.ok('accept_team_invite_verify', { token: invite.token, code: harness.latestCode('alice@a.example') });
    expect(joined.userId).toBe(alice.userId);
    const secondKey = joined.apiKey as string;

    const fromSecond = await harness.ok('list_my_companies', {}, secondKey);
    expect(fromSecond.total).toBe(2);
    expect(fromSecond.currentCompanyId).toBe(bob.companyId);
    expect((await harness.ok('list_my_companies', {}, alice.apiKey)).currentCompanyId).toBe(alice.companyId);

    const switched = await harness.ok('switch_company', { companyId: bob.companyId }, alice.apiKey);
    expect(switched).toMatchObject({ companyId: bob.companyId, name: 'Bob Barbers', role: 'manager', previousCompanyId: alice.companyId });
    const after = await harness.ok('list_my_companies', {}, alice.apiKey);
    expect(after.currentCompanyId).toBe(bob.companyId);
    expect((after.items as { companyId: string; active: boolean }[]).find((item) => item.active)?.companyId).toBe(bob.companyId);
    // Alice's first key now reads Bob's customers, not her own.
    const names = ((await harness.ok('search_members', {}, alice.apiKey)).items as { name: string }[]).map((item) => item.name);
    expect(names).toEqual(['Only Bob Customer']);
    // The other key did not move.
    expect((await harness.ok('list_my_companies', {}, secondKey)).currentCompanyId).toBe(bob.companyId);
    await harness.ok('switch_company', { companyId: alice.companyId }, secondKey);
    expect((await harness.ok('list_my_companies', {}, alice.apiKey)).currentCompanyId).toBe(bob.companyId);
    expect((await harness.ok('list_my_companies', {}, secondKey)).currentCompanyId).toBe(alice.companyId);
  });
});
