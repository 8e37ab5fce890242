import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/agent/events.js';
import { OfflineLanguageModel } from '../../../src/agent/offline/offline-model.js';
import type { RunningSandbox } from '../../../src/sandbox/start-sandbox.js';
import { createTestSession, latestCode, startTestSandbox, type SessionFixture } from '../../helpers/agent-fixture.js';

/** Monday 4 January 2027, 10:00 in Osaka: the session's and the sandbox's clock. */
const NOW = new Date('2027-01-04T01:00:00Z');

const said = (events: readonly AgentEvent[]) => events.flatMap((event) => (event.type === 'assistant-message' ? [event.text] : []));
const calls = (events: readonly AgentEvent[]) => events.flatMap((event) => (event.type === 'tool-call-end' ? [event] : []));

/** Sends `text` and returns what the assistant said and which tools ran in that turn. */
async function turn(fixture: SessionFixture, text: string): Promise<{ reply: string; tools: Array<Extract<AgentEvent, { type: 'tool-call-end' }>> }> {
  const before = fixture.events.length;
  await fixture.session.send(text);
  const events = fixture.events.slice(before);
  return { reply: said(events).join('\n'), tools: calls(events) };
}

describe('a newcomer with the offline model and the embedded sandbox (real HTTP)', () => {
  let sandbox: RunningSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('stores what was written: names without dangling separators, the stated currency, the right day, all said back', async () => {
    sandbox = await startTestSandbox({ now: () => NOW });
    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel({ clock: () => NOW }), { now: () => NOW });
    await fixture.session.start();
    await turn(fixture, 'Sign me up: Moon Cafe in Osaka, me@mooncafe.jp');
    expect((await turn(fixture, latestCode(sandbox, 'me@mooncafe.jp'))).reply).toMatch(/signed up/);

    const facial = await turn(fixture, 'add service: Facial - 45min - 65 EUR');
    expect(facial.tools.map((call) => call.toolName)).toEqual(['create_service']);
    expect(facial.tools[0]?.data).toMatchObject({ name: 'Facial', currency: 'EUR', price: 65 });
    expect(facial.reply).toMatch(/^Added the service "Facial" \(45 min, EUR 65, svc_\w+\)\. The price is in EUR, as written, not the workspace's own JPY\.$/);

    // "$90" in a yen workspace is not 90 yen.
    const massage = await turn(fixture, 'add a service Massage, 60 min, $90');
    expect(massage.tools.at(-1)?.data).toMatchObject({ name: 'Massage', currency: 'USD', price: 90 });
    expect(massage.reply).toMatch(/USD 90.*not the workspace's own JPY/);

    await turn(fixture, 'add a member Jane Doe jane@example.com');
    // Said on a Monday: next Monday is a week away, not today.
    const booked = await turn(fixture, 'book jane doe into Facial next Monday at 5pm');
        expect(booked.tools.at(-1)).toMatchObject({ toolName: 'create_booking', ok: true });
    expect(booked.tools.at(-1)?.data).toMatchObject({ startAt: '2027-01-11T08:00:00.000Z' });
    expect(booked.reply).toMatch(/^Booked Jane Doe into Facial on Monday 11 January 2027 at 17:00 \(Asia\/Tokyo time\), booking bkg_/);

    const ambiguous = await turn(fixture, 'book jane doe into Facial next Friday at 5pm');
    expect(ambiguous.tools.map((call) => call.toolName)).not.toContain('create_booking');
    expect(ambiguous.reply).toMatch(/"next Friday" could be Friday 8 January 2027 or Friday 15 January 2027/);
    // The answer to the question finishes the booking it was about.
    const chosen = await turn(fixture, '15 Jan');
    expect(chosen.reply).toMatch(/^Booked Jane Doe into Facial on Friday 15 January 2027 at 17:00 \(Asia\/Tokyo time\)/);
    const partial = await turn(fixture, 'book jane doe into Facial');
    expect(partial.tools).toEqual([]);
    expect(partial.reply).toMatch(/^To book I need the day and the time\./);
    const completed = await turn(fixture, 'tomorrow at noon');
    expect(completed.reply).toMatch(/^Booked Jane Doe into Facial on Tuesday 5 January 2027 at 12:00 \(Asia\/Tokyo time\)/);

    const closed = await turn(fixture, 'book jane doe into Facial on 12/01 at 7am');
    expect(closed.reply).toMatch(/^FavCRM didn't accept that: 2027-12-01 07:00 is outside opening hours/);
    expect(closed.reply).not.toMatch(/call \w+_\w+|T\d\d:\d\d/);

    const list = await turn(fixture, 'show my bookings');
    expect(list.reply).toBe(
      '3 bookings (times in Asia/Tokyo time): Jane Doe, Facial, Tuesday 5 January 2027 at 12:00; Jane Doe, Facial, Monday 11 January 2027 at 17:00; Jane Doe, Facial, Friday 15 January 2027 at 17:00.',
    );
  });

  it('says what it did not do, and answers account questions with the app\'s own ways', async () => {
    sandbox = await startTestSandbox({ now: () => NOW });
    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel({ command: 'npm start --', clock: () => NOW }), { now: () => NOW });
    await fixture.session.start();
    const login = await turn(fixture, 'I already have an account, how do I log in?');
    expect(login.reply).toMatch(/portal at https:\/\/app\.favcrm\.io.*Settings → MCP Keys.*FAVCRM_API_KEY=<your key> npm start\b.*\/auth.*`npm start -- auth status`/);
    expect(login.reply).not.toMatch(/Tell me the business name/);
    const pasted = await turn(fixture, 'here is my key fav_mcp_abcdefghijklmnopqrstuvwx');
    expect(pasted.reply).toMatch(/looks like a FavCRM API key.*won't repeat it/);
    expect(pasted.reply).not.toMatch(/fav_mcp_/);

    await turn(fixture, 'Sign me up: Moon Cafe in Osaka, me@mooncafe.jp');
    await turn(fixture, latestCode(sandbox, 'me@mooncafe.jp'));
    const key = await turn(fixture, 'what is my API key?');
    expect(key.reply).toMatch(/\/auth/);
    expect(key.reply).toMatch(/Settings → MCP Keys/);
    expect(key.reply).not.toMatch(/needs a real/);

    const described = await turn(fixture, 'We also do Hot Yoga, 90 min, $250');
    expect(described.tools).toEqual([]);
    expect(described.reply).toMatch(/^I didn't add anything.*"add a service Hot Yoga, 90 min, USD 250"/);

    const unknown = await turn(fixture, 'write me a poem about CRMs');
    expect(unknown.tools).toEqual([]);
    expect(unknown.reply).toMatch(/^I didn't change anything.*"add a service .*needs a real language model/);
  });
});
