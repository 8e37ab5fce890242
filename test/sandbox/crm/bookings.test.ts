import { describe, expect, it } from 'vitest';
import { START, createHarness, fails, ok, type Listed, type Workspace } from './crm-fixture.js';

interface Slot { startAt: string; endAt: string; localStart: string; remainingCapacity: number }

async function setUp(shop: Workspace, capacity = 1) {
  const service = await ok<{ id: string; currency: string; price: number }>(shop, 'create_service', { name: 'Facial', durationMinutes: 60, price: 480, capacity });
  const account = await ok<{ id: string }>(shop, 'create_account', { name: 'Chan Tai Man', email: 'chan@example.com' });
  return { service, account };
}

describe('services and slots', () => {
  it('starts with no services and creates one in the company currency', async () => {
    const harness = createHarness();
    const shop = harness.workspace({ country: 'HK' });
    expect(await ok(shop, 'list_services')).toEqual({ items: [], total: 0 });
    const { service } = await setUp(shop);
    expect(service.id).toMatch(/^svc_/);
    expect(service.currency).toBe('HKD');
    const us = harness.workspace({ country: 'US', timezone: 'America/New_York' });
    expect((await ok<{ currency: string }>(us, 'create_service', { name: 'Cut', durationMinutes: 30, price: 40 })).currency).toBe('USD');
    expect((await ok<Listed>(us, 'list_services')).total).toBe(1);
    // A second active service with the same name could never be told apart when booking.
    const again = await fails(us, 'create_service', { name: 'cut', durationMinutes: 45, price: 50 });
    expect(again.code).toBe('CONFLICT');
    expect((await ok<Listed>(us, 'list_services')).total).toBe(1);
  });

  it('offers half-hourly slots inside Mon–Sat 09:00–18:00 Hong Kong time, none on Sunday or in the past', async () => {
    const shop = createHarness().workspace();
    const { service } = await setUp(shop);
    // START is Wednesday 2026-05-13 10:00 in Hong Kong.
    const slots = await ok<Listed<Slot> & { timezone: string }>(shop, 'get_available_slots', { serviceId: service.id, from: '2026-05-13', to: '2026-05-18' });
    expect(slots.timezone).toBe('Asia/Hong_Kong');
    const days = new Set(slots.items.map((slot) => slot.localStart.slice(0, 10)));
    expect([...days]).toEqual(['2026-05-13', '2026-05-14', '2026-05-15', '2026-05-16']);
    expect(slots.items[0]).toMatchObject({ localStart: '2026-05-13 10:00', startAt: '2026-05-13T02:00:00.000Z', endAt: '2026-05-13T03:00:00.000Z' });
    const thursday = slots.items.filter((slot) => slot.localStart.startsWith('2026-05-14'));
    expect(thursday[0]?.localStart).toBe('2026-05-14 09:00');
    expect(thursday.at(-1)?.localStart).toBe('2026-05-14 17:00');
    expect(thursday).toHaveLength(17);
    expect(slots.total).toBe(slots.items.length);
  });

  it('rejects unbounded or backwards ranges and unknown services', async () => {
    const shop = createHarness().workspace();
    const { service } = await setUp(shop);
    expect((await fails(shop, 'get_available_slots', { serviceId: service.id, from: '2026-05-13', to: '2026-08-01' })).code).toBe('VALIDATION');
    expect((await fails(shop, 'get_available_slots', { serviceId: service.id, from: '2026-05-14', to: '2026-05-13' })).code).toBe('VALIDATION');
    expect((await fails(shop, 'get_available_slots', { serviceId: service.id, from: 'next tuesday' })).code).toBe('VALIDATION');
    const missing = await fails(shop, 'get_available_slots', { serviceId: 'svc_nope' });
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.hint).toMatch(/list_services/);
  });
});

describe('bookings', () => {
  it('books a slot, hides it from availability and refuses a second booking with CONFLICT', async () => {
    const shop = createHarness().workspace();
    const { service, account } = await setUp(shop);
    const booking = await ok<{ id: string; status: string; price: number; localStart: string; customerName: string }>(shop, 'create_booking', {
      serviceId: service.id, accountId: account.id, startAt: '2026-05-14T11:00:00+08:00',
    });
    expect(booking).toMatchObject({ status: 'confirmed', price: 480, localStart: '2026-05-14 11:00', customerName: 'Chan Tai Man' });
    expect(booking.id).toMatch(/^bkg_/);
    const slots = await ok<Listed<Slot>>(shop, 'get_available_slots', { serviceId: service.id, from: '2026-05-14', to: '2026-05-15' });
    const starts = slots.items.map((slot) => slot.localStart.slice(11));
    expect(starts).not.toContain('11:00');
    expect(starts).not.toContain('10:30');
    expect(starts).not.toContain('11:30');
    expect(starts).toContain('12:00');
    const clash = await fails(shop, 'create_booking', { serviceId: service.id, accountId: account.id, startAt: '2026-05-14T03:30:00Z' });
    expect(clash.code).toBe('CONFLICT');
    expect((await fails(shop, 'create_booking', { serviceId: service.id, accountId: account.id, startAt: '2026-05-17T11:00:00+08:00' })).code).toBe('VALIDATION');
    expect((await fails(shop, 'create_booking', { serviceId: service.id, accountId: account.id, startAt: '2026-05-12T11:00:00+08:00' })).code).toBe('VALIDATION');
    expect((await fails(shop, 'create_booking', { serviceId: service.id, accountId: 'acc_missing', startAt: '2026-05-14T15:00:00+08:00' })).code).toBe('NOT_FOUND');
  });

  it('lets a class fill up to its capacity', async () => {
    const shop = createHarness().workspace();
    const { service, account } = await setUp(shop, 3);
    await ok(shop, 'create_booking', { serviceId: service.id, accountId: account.id, startAt: '2026-05-15T09:00:00+08:00', participants: 2 });
    const slot = (await ok<Listed<Slot>>(shop, 'get_available_slots', { serviceId: service.id, from: '2026-05-15', to: '2026-05-16' })).items[0];
    expect(slot).toMatchObject({ localStart: '2026-05-15 09:00', remainingCapacity: 1 });
    expect((await fails(shop, 'create_booking', { serviceId: service.id, accountId: account.id, startAt: '2026-05-15T09:00:00+08:00', participants: 2 })).code).toBe('CONFLICT');
    await ok(shop, 'create_booking', { serviceId: service.id, accountId: account.id, startAt: '2026-05-15T09:00:00+08:00' });
  });

  it('lists, details, counts and moves bookings through their statuses', async () => {
    const harness = createHarness();
    const shop = harness.workspace();
    const { service, account } = await setUp(shop);
    const pending = await ok<{ id: string }>(shop, 'create_booking', { serviceId: service.id, accountId: account.id, startAt: '2026-05-13T15:00:00+08:00', status: 'pending' });
    const later = await ok<{ id: string }>(shop, 'create_booking', { serviceId: service.id, accountId: account.id, startAt: '2026-05-20T10:00:00+08:00' });
    const listed = await ok<Listed<{ id: string }>>(shop, 'list_bookings', { limit: 1 });
    expect(listed.total).toBe(2);
    expect(listed.items.map((item) => item.id)).toEqual([pending.id]);
    expect((await ok<Listed>(shop, 'list_bookings', { status: 'pending' })).total).toBe(1);
    expect((await ok<Listed>(shop, 'list_bookings', { from: '2026-05-14', to: '2026-05-21' })).total).toBe(1);
    const detail = await ok<{ customer: { email: string }; serviceName: string }>(shop, 'get_booking_detail', { bookingId: later.id });
    expect(detail).toMatchObject({ serviceName: 'Facial', customer: { email: 'chan@example.com' } });

    expect((await ok<{ booking: { status: string } }>(shop, 'confirm_booking', { bookingId: pending.id })).booking.status).toBe('confirmed');
    expect((await fails(shop, 'confirm_booking', { bookingId: pending.id })).code).toBe('CONFLICT');
    // Not started yet: neither missed nor attended (one start rule for every status change).
    expect((await fails(shop, 'mark_no_show', { bookingId: pending.id })).code).toBe('CONFLICT');
    const early = await fails(shop, 'complete_booking', { bookingId: later.id });
    expect(early).toMatchObject({ code: 'CONFLICT', startAt: '2026-05-20T02:00:00.000Z' });
    expect(early.message).toContain('2026-05-20 10:00 (Asia/Hong_Kong)');
    harness.clock.now = new Date('2026-05-13T08:00:00Z');
    // Started: it can no longer be confirmed.
    const afterStart = await ok<{ id: string }>(shop, 'create_booking', { serviceId: service.id, accountId: account.id, startAt: '2026-05-13T17:00:00+08:00', status: 'pending' });
    harness.clock.now = new Date('2026-05-13T09:30:00Z');
    expect((await fails(shop, 'confirm_booking', { bookingId: afterStart.id })).code).toBe('CONFLICT');
    expect((await ok<{ booking: { status: string } }>(shop, 'complete_booking', { bookingId: afterStart.id })).booking.status).toBe('completed');
    expect((await ok<{ booking: { status: string } }>(shop, 'mark_no_show', { bookingId: pending.id })).booking.status).toBe('no_show');
    const cancelled = await ok<{ previousStatus: string; booking: { status: string; cancelReason: string } }>(shop, 'cancel_booking', { bookingId: later.id, reason: 'customer unwell' });
    expect(cancelled).toMatchObject({ previousStatus: 'confirmed', booking: { status: 'cancelled', cancelReason: 'customer unwell' } });
    expect((await fails(shop, 'complete_booking', { bookingId: later.id })).code).toBe('CONFLICT');
    const stats = await ok<{ timezone: string; today: { total: number; byStatus: Record<string, number> }; allTime: { total: number; byStatus: Record<string, number> } }>(shop, 'get_booking_stats');
    expect(stats.timezone).toBe('Asia/Hong_Kong');
    expect(stats.today).toMatchObject({ total: 2, byStatus: { no_show: 1, completed: 1 } });
    expect(stats.allTime).toMatchObject({ total: 3, byStatus: { no_show: 1, cancelled: 1, completed: 1, confirmed: 0 } });
  });

  it('fails create_booking with PLAN_LIMIT past 200 bookings this month on the free tier', async () => {
    const harness = createHarness();
    const shop = harness.workspace({ createdAt: new Date(START.getTime() - 45 * 86_400_000) });
    const { service, account } = await setUp(shop);
    const insert = harness.db.prepare(
      `INSERT INTO bookings (id, company_id, service_id, account_id, start_at, end_at, status, price, currency, created_at, updated_at)
       VALUES (?, ?, ?, ?, '2026-04-01T01:00:00.000Z', '2026-04-01T02:00:00.000Z', 'completed', 0, 'HKD', ?, ?)`,
    );
    // The month starts at midnight Hong Kong time: 23:00 on 30 April does not count, 00:30 on 1 May does.
    insert.run('bkg_april', shop.caller.companyId, service.id, account.id, '2026-04-30T15:00:00.000Z', '2026-04-30T15:00:00.000Z');
    insert.run('bkg_may', shop.caller.companyId, service.id, account.id, '2026-04-30T16:30:00.000Z', '2026-04-30T16:30:00.000Z');
    for (let i = 0; i < 199; i++) insert.run(`bkg_s${i}`, shop.caller.companyId, service.id, account.id, START.toISOString(), START.toISOString());
    const failure = await fails(shop, 'create_booking', { serviceId: service.id, accountId: account.id, startAt: '2026-05-14T11:00:00+08:00' });
    expect(failure.code).toBe('PLAN_LIMIT');
    expect(failure.quota).toMatchObject({ code: 'bookings_per_month', used: 200, limit: 200 });
    expect(failure.upgradeAction).toMatchObject({ tool: 'create_plan_upgrade_link', planCode: 'favcrm-lite' });
  });

  it('keeps each workspace to its own services and bookings', async () => {
    const harness = createHarness();
    const first = harness.workspace();
    const second = harness.workspace();
    const { service, account } = await setUp(first);
    const booking = await ok<{ id: string }>(first, 'create_booking', { serviceId: service.id, accountId: account.id, startAt: '2026-05-14T11:00:00+08:00' });
    expect(await ok(second, 'list_services')).toEqual({ items: [], total: 0 });
    expect((await ok<Listed>(second, 'list_bookings')).total).toBe(0);
    expect((await fails(second, 'get_booking_detail', { bookingId: booking.id })).code).toBe('NOT_FOUND');
    expect((await fails(second, 'cancel_booking', { bookingId: booking.id })).code).toBe('NOT_FOUND');
    expect((await fails(second, 'get_available_slots', { serviceId: service.id })).code).toBe('NOT_FOUND');
    const own = await ok<{ id: string }>(second, 'create_account', { name: 'Other' });
    expect((await fails(second, 'create_booking', { serviceId: service.id, accountId: own.id, startAt: '2026-05-14T11:00:00+08:00' })).code).toBe('NOT_FOUND');
  });
});
