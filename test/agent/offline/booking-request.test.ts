import { describe, expect, it } from 'vitest';
import { bookingPlan, readBookingRequest } from '../../../src/agent/offline/booking-request.js';
import type { ConversationView, PastToolCall } from '../../../src/agent/offline/conversation-view.js';
import { zonedDateTime } from '../../../src/agent/offline/zoned-time.js';

describe('readBookingRequest', () => {
  it.each([
    ['book Jane Doe into Yoga class tomorrow at 10', { first: 'Jane Doe', second: 'Yoga class', day: { kind: 'offset', days: 1 }, dayText: 'tomorrow', hour: 10, minute: 0 }],
    ['please book Yoga class for Tom on Friday at 3pm', { first: 'Yoga class', second: 'Tom', day: { kind: 'weekday', weekday: 5, modifier: 'bare' }, dayText: 'on Friday', hour: 15, minute: 0 }],
    ['can you book Ana in Pilates on 2026-12-03 at 14:30', { first: 'Ana', second: 'Pilates', day: { kind: 'calendar', year: 2026, month: 12, day: 3 }, dayText: '2026-12-03', hour: 14, minute: 30 }],
    ['schedule Li Wei for the massage on 3 Dec at 9:15am', { first: 'Li Wei', second: 'massage', day: { kind: 'calendar', month: 12, day: 3 }, dayText: '3 Dec', hour: 9, minute: 15 }],
    ['book Jo into Spin today at 3', { first: 'Jo', second: 'Spin', day: { kind: 'offset', days: 0 }, dayText: 'today', hour: 15, minute: 0 }],
  ])('%s', (text, expected) => {
    expect(readBookingRequest(text)).toEqual(expected);
  });

  it('is null without someone, something and a time', () => {
    expect(readBookingRequest('book Jane into yoga')).toBeNull();
    expect(readBookingRequest('book Jane tomorrow at 10')).toBeNull();
    expect(readBookingRequest('book a class tomorrow')).toBeNull();
  });
});

const NOW = Date.parse('2026-11-25T02:00:00Z'); // Wednesday 10:00 in Hong Kong

function viewAfterLookups(members: string[], services: string[]): ConversationView {
  const call = (toolName: string, output: unknown): PastToolCall => ({ toolCallId: toolName, toolName, input: {}, output });
  const rows = (names: string[], prefix: string) => ({ items: names.map((name, index) => ({ id: `${prefix}_${index}`, name })), total: names.length });
  return {
    signedIn: true,
    pendingRequestId: null,
    pendingMaskedEmail: null,
    tools: new Map([['create_booking', {}]]),
    userTexts: [],
    askedBefore: [],
    assistantTexts: [],
    lastRole: 'tool',
    turnCalls: [
      call('search_members', rows(members, 'acc')),
      call('list_services', rows(services, 'svc')),
      call('list_my_companies', { items: [{ name: 'Studio', timezone: 'Asia/Hong_Kong', active: true }] }),
    ],
    allCalls: [],
    turnTexts: [],
  };
}

const textOf = (plan: ReturnType<typeof bookingPlan>): string => (Array.isArray(plan) ? JSON.stringify(plan.at(-1)) : (plan.text ?? ''));

describe('bookingPlan', () => {
  it('asks for the lookups first, then books at the wall-clock time in the workspace zone', () => {
    const fresh = { ...viewAfterLookups([], []), turnCalls: [] };
    expect(bookingPlan('book Jane into Yoga tomorrow at 10', fresh, NOW)).toEqual([
      { toolName: 'search_members', input: { limit: 100 } },
      { toolName: 'list_services', input: {} },
      { toolName: 'list_my_companies', input: {} },
    ]);
    const plan = bookingPlan('book Jane into the yoga class tomorrow at 10', viewAfterLookups(['Jane Doe', 'Tom Lee'], ['Yoga class', 'Spin']), NOW);
    expect(Array.isArray(plan) && plan.at(-1)).toEqual({
      toolName: 'create_booking',
      input: { serviceId: 'svc_0', accountId: 'acc_0', startAt: zonedDateTime({ year: 2026, month: 11, day: 26 }, 10, 0, 'Asia/Hong_Kong').iso },
    });
    expect(textOf(plan)).toContain('2026-11-26T10:00:00+08:00');
  });

  it('matches the names either way round, and asks instead of guessing', () => {
    expect(textOf(bookingPlan('book Spin for Tom on Friday at 11', viewAfterLookups(['Jane Doe', 'Tom Lee'], ['Yoga class', 'Spin']), NOW))).toContain('"accountId":"acc_1"');
    expect(textOf(bookingPlan('book Jane into Spin tomorrow at 10', viewAfterLookups(['Jane Doe', 'Jane Roe'], ['Spin']), NOW))).toMatch(/Which member do you mean: "Jane Doe" or "Jane Roe"/);
    expect(textOf(bookingPlan('book Ana into Spin tomorrow at 10', viewAfterLookups(['Jane Doe'], ['Spin']), NOW))).toMatch(/can't find a member called "Ana"/);
    expect(textOf(bookingPlan('book Jane into Boxing tomorrow at 10', viewAfterLookups(['Jane Doe'], ['Spin', 'Yoga']), NOW))).toMatch(/Which service\? You have "Spin" or "Yoga"/);
    expect(textOf(bookingPlan('book Jane into Spin tomorrow at 10', viewAfterLookups(['Jane Doe'], []), NOW))).toMatch(/no services to book yet/);
    expect(textOf(bookingPlan('book Jane into Spin today at 9am', viewAfterLookups(['Jane Doe'], ['Spin']), NOW))).toMatch(/has already passed/);
  });

  it('loads create_booking first when the model has not got it yet', () => {
    const view = { ...viewAfterLookups(['Jane Doe'], ['Spin']), tools: new Map() };
    expect(textOf(bookingPlan('book Jane into Spin tomorrow at 10', view, NOW))).toBe(JSON.stringify({ toolName: 'load_favcrm_tools', input: { names: ['create_booking'] } }));
  });
});
