import { describe, expect, it } from 'vitest';
import { START, createHarness, fails, ok, type Listed } from './crm-fixture.js';

interface Member { id: string; name: string; email: string | null; member: boolean; tierId: string | null; tierName: string | null; pointsBalance: number; tags: string[] }

describe('customer accounts', () => {
  it('creates accounts, refuses duplicate emails and updates fields', async () => {
    const shop = createHarness().workspace();
    const ada = await ok<Member>(shop, 'create_account', { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+85291234567', firstName: 'Ada' });
    expect(ada).toMatchObject({ name: 'Ada Lovelace', member: false, tierId: null, pointsBalance: 0, tags: [] });
    expect(ada.id).toMatch(/^acc_/);
    const duplicate = await fails(shop, 'create_account', { name: 'Ada again', email: 'ADA@example.com' });
    expect(duplicate).toMatchObject({ code: 'CONFLICT', accountId: ada.id });
    const updated = await ok<Member>(shop, 'update_account', { accountId: ada.id, name: 'Ada King' });
    expect(updated).toMatchObject({ name: 'Ada King', email: 'ada@example.com' });
    expect((await fails(shop, 'create_account', { name: '' })).code).toBe('VALIDATION');
    expect((await fails(shop, 'update_account', { accountId: 'acc_nope', name: 'X' })).code).toBe('NOT_FOUND');
  });

  it('searches with either search (CLI) or query (skills), and filters by tier, tag and inactivity', async () => {
    const harness = createHarness();
    const shop = harness.workspace();
    const ada = await ok<Member>(shop, 'create_account', { name: 'Ada Lovelace', email: 'ada@example.com', enrollMembership: true });
    await ok(shop, 'create_account', { name: 'Grace Hopper', phone: '+85290000000', tierId: 'tier_gold' });
    await ok(shop, 'create_account', { name: 'Alan Turing' });
    const bySearch = await ok<Listed<Member>>(shop, 'search_members', { search: 'lovelace' });
    const byQuery = await ok<Listed<Member>>(shop, 'search_members', { query: 'LOVELACE' });
    expect(bySearch.items.map((item) => item.id)).toEqual([ada.id]);
    expect(byQuery.items.map((item) => item.id)).toEqual([ada.id]);
    expect((await ok<Listed<Member>>(shop, 'search_members', { query: '9000' })).items.map((item) => item.name)).toEqual(['Grace Hopper']);
    expect((await ok<Listed<Member>>(shop, 'search_members', { query: '%' })).total).toBe(0);
    const all = await ok<Listed<Member>>(shop, 'search_members', { limit: 2 });
    expect(all).toMatchObject({ total: 3 });
    expect(all.items).toHaveLength(2);
    expect((await ok<Listed<Member>>(shop, 'search_members', { tierId: 'tier_gold' })).items.map((item) => item.name)).toEqual(['Grace Hopper']);
    expect((await fails(shop, 'search_members', { tierId: 'tier_platinum' })).code).toBe('NOT_FOUND');
    await ok(shop, 'attach_tags', { accountId: ada.id, tags: ['VIP'] });
    expect((await ok<Listed<Member>>(shop, 'search_members', { tag: 'vip' })).items.map((item) => item.id)).toEqual([ada.id]);
    harness.clock.now = new Date(START.getTime() + 40 * 86_400_000);
    await ok(shop, 'earn_loyalty_points', { accountId: ada.id, points: 10 });
    const inactive = await ok<Listed<Member>>(shop, 'search_members', { inactiveDays: 30 });
    expect(inactive.items.map((item) => item.name).sort()).toEqual(['Alan Turing', 'Grace Hopper']);
  });

  it('tags many accounts at once and counts them per tag', async () => {
    const shop = createHarness().workspace();
    const a = await ok<Member>(shop, 'create_account', { name: 'A' });
    const b = await ok<Member>(shop, 'create_account', { name: 'B' });
    const first = await ok<{ newlyAttached: number; alreadyPresent: number }>(shop, 'attach_tags', { accountIds: [a.id, b.id], tags: ['vip', 'newsletter'] });
    expect(first).toMatchObject({ newlyAttached: 4, alreadyPresent: 0 });
    expect((await ok<{ newlyAttached: number }>(shop, 'attach_tags', { accountIds: [a.id], tags: ['VIP'] })).newlyAttached).toBe(0);
    const tags = await ok<Listed<{ name: string; accountCount: number }>>(shop, 'list_tags');
    expect(tags.items.map((tag) => [tag.name, tag.accountCount])).toEqual([['newsletter', 2], ['vip', 2]]);
    expect((await fails(shop, 'attach_tags', { tags: ['x'] })).code).toBe('VALIDATION');
    expect((await fails(shop, 'attach_tags', { accountIds: [a.id, 'acc_nope'], tags: ['x'] })).code).toBe('NOT_FOUND');
  });
});

describe('membership', () => {
  it('lists the default tiers as {tiers} and as {items, total}, the same in every workspace', async () => {
    const harness = createHarness();
    const shop = harness.workspace();
    const tiers = await ok<{ tiers: Array<{ id: string; name: string; minPoints: number; memberCount: number }> }>(shop, 'list_membership_tiers');
    expect(tiers.tiers.map((tier) => tier.id)).toEqual(['tier_bronze', 'tier_silver', 'tier_gold']);
    expect(tiers.tiers[1]).toMatchObject({ name: 'Silver', minPoints: 500, memberCount: 0 });
    const listed = await ok<Listed<{ id: string }>>(shop, 'list_tiers');
    expect(listed.total).toBe(3);
    const other = await ok<{ tiers: Array<{ id: string }> }>(harness.workspace(), 'list_membership_tiers');
    expect(other.tiers.map((tier) => tier.id)).toEqual(['tier_bronze', 'tier_silver', 'tier_gold']);
  });

  it('enrols, earns points, promotes tiers and shows it all on the profile', async () => {
    const shop = createHarness().workspace();
    const ada = await ok<Member>(shop, 'create_account', { name: 'Ada' });
    expect((await fails(shop, 'earn_loyalty_points', { accountId: ada.id, points: 10 })).code).toBe('VALIDATION');
    const enrolled = await ok<{ alreadyMember: boolean; account: Member }>(shop, 'enrol_membership', { accountId: ada.id });
    expect(enrolled).toMatchObject({ alreadyMember: false, account: { member: true, tierId: 'tier_bronze', tierName: 'Bronze' } });
    const small = await ok<{ pointsBalance: number; tierChanged: boolean }>(shop, 'earn_loyalty_points', { accountId: ada.id, points: 100, reason: 'Visit' });
    expect(small).toMatchObject({ pointsBalance: 100, tierChanged: false });
    const big = await ok<{ pointsBalance: number; tierChanged: boolean; tierId: string }>(shop, 'earn_loyalty_points', { accountId: ada.id, points: 450 });
    expect(big).toMatchObject({ pointsBalance: 550, tierChanged: true, tierId: 'tier_silver' });
    expect((await fails(shop, 'enrol_membership', { accountId: ada.id, tierId: 'tier_diamond' })).code).toBe('NOT_FOUND');
    const profile = await ok<Member & { recentPoints: Array<{ points: number }>; totals: { bookingCount: number } }>(shop, 'get_member_profile', { accountId: ada.id });
    expect(profile).toMatchObject({ tierName: 'Silver', pointsBalance: 550, totals: { bookingCount: 0 } });
    expect(profile.recentPoints.map((entry) => entry.points)).toEqual([450, 100]);
    const tiers = await ok<{ tiers: Array<{ id: string; memberCount: number }> }>(shop, 'list_membership_tiers');
    expect(tiers.tiers.find((tier) => tier.id === 'tier_silver')?.memberCount).toBe(1);
  });

  it('hides one workspace\'s customers from another', async () => {
    const harness = createHarness();
    const first = harness.workspace();
    const second = harness.workspace();
    const ada = await ok<Member>(first, 'create_account', { name: 'Ada', email: 'ada@example.com' });
    expect((await ok<Listed>(second, 'search_members', { search: 'Ada' })).total).toBe(0);
    expect((await fails(second, 'get_member_profile', { accountId: ada.id })).code).toBe('NOT_FOUND');
    expect((await fails(second, 'attach_tags', { accountId: ada.id, tags: ['x'] })).code).toBe('NOT_FOUND');
    // The same email is free in another workspace.
    await ok(second, 'create_account', { name: 'Ada', email: 'ada@example.com' });
  });
});
