import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { OfflineLanguageModel } from '../../src/agent/offline/offline-model.js';
import { SessionStateStore } from '../../src/agent/session-state-store.js';
import { connectFavcrm } from '../../src/mcp/favcrm-connection.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { capturedText, createTestSession, latestCode, startTestSandbox } from '../helpers/agent-fixture.js';

/** A real connection whose verify answer arrives 50 ms late; `whileWaiting` runs as soon as the call is sent. */
function verifyAnsweredLate(whileWaiting: () => void): typeof connectFavcrm {
  return async (url, apiKey) => {
    const connection = await connectFavcrm(url, apiKey);
    return {
      url: connection.url,
      authenticated: connection.authenticated,
      listTools: () => connection.listTools(),
      close: () => connection.close(),
      callTool: async (name, args, options) => {
        if (name !== 'register_organisation_verify') return connection.callTool(name, args, options);
        const answer = connection.callTool(name, args, options);
        whileWaiting();
        await new Promise((resolve) => setTimeout(resolve, 50));
        return answer;
      },
    };
  };
}

const assistantTexts = (events: readonly AgentEvent[]) => events.flatMap((event) => (event.type === 'assistant-message' ? [event.text] : []));
const toolCalls = (events: readonly AgentEvent[]) => events.flatMap((event) => (event.type === 'tool-call-end' ? [event] : []));

describe('the offline model through the same loop, against the real sandbox', () => {
  let sandbox: RunningSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('reads the sentence, asks only for the email, signs up and makes the first calls', async () => {
    sandbox = await startTestSandbox();
    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel());
    await fixture.session.start();

    await fixture.session.send('Sign me up for FavCRM. The business is a yoga studio called Stretch + Breathe in Hong Kong');
    // The UI reads session-ready's history after later events: it must still be the (empty) history at start, or
    // a message typed while connecting shows twice under a false "saved conversation, resumed".
    const ready = fixture.events.find((event) => event.type === 'session-ready');
    expect(ready?.type === 'session-ready' ? ready.history : null).toEqual([]);
    const question = assistantTexts(fixture.events).at(-1) ?? '';
    expect(question).toMatch(/email/i);
    expect(question).toContain('Stretch + Breathe');
    expect(question).toContain('fitness');
    expect(question).toContain('Asia/Hong_Kong');
    expect(toolCalls(fixture.events)).toHaveLength(0);

    await fixture.session.send('yoga@stretchbreathe.hk');
    const approval = fixture.events.find((event) => event.type === 'approval-request');
    expect(approval && approval.type === 'approval-request' && approval.request.description).toMatch(/yoga@stretchbreathe\.hk.*Stretch \+ Breathe.*fitness, HK, Asia\/Hong_Kong/);
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/6-digit code to y\*\*\*a@s\*\*\*e\.hk/);

    const code = latestCode(sandbox, 'yoga@stretchbreathe.hk');
    await fixture.session.send(`the code is ${code.slice(0, 3)} ${code.slice(3)}`);

    const calls = toolCalls(fixture.events).map((call) => `${call.toolName}:${call.ok}`);
    expect(calls).toEqual([
      'register_organisation_request:true',
      'register_organisation_verify:true',
      'list_my_companies:true',
      'get_plan_status:true',
      'list_services:true',
    ]);
    const completed = fixture.events.find((event) => event.type === 'signup-completed');
    const nextSteps = completed?.type === 'signup-completed' ? completed.result.nextSteps : [];
    // The app stored the key itself, so the server's "store the API key safely" step is not passed on.
    expect(nextSteps.join(' ')).toMatch(/favcrm whoami/);
    expect(nextSteps.join(' ')).not.toMatch(/Store the API key/i);
    const summary = assistantTexts(fixture.events).at(-1) ?? '';
    expect(summary).toMatch(/signed up/i);
    expect(summary).toContain('Stretch + Breathe');
    expect(summary).toMatch(/No services yet/);

    const apiKey = /api_key = "([^"]+)"/.exec(fs.readFileSync(fixture.configFile, 'utf8'))?.[1] ?? 'missing';
    expect(apiKey.startsWith('fav_mcp_')).toBe(true);
    expect(capturedText(fixture)).not.toContain(apiKey);
    expect(capturedText(fixture)).not.toContain(code);

    await fixture.session.send('add a service Yoga class, 60 min, 150');
    expect(toolCalls(fixture.events).at(-1)).toMatchObject({ toolName: 'create_service', ok: true });
    // The reply repeats what was stored, so a misread price shows at once.
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/^Added the service "Yoga class" \(60 min, HKD 150, svc_\w+\)\.$/);
    await fixture.session.send('list services');
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/1 service: Yoga class/);
    await fixture.session.send('add a member Jane Doe jane@example.com');
    expect(toolCalls(fixture.events).at(-1)).toMatchObject({ toolName: 'create_account', ok: true });
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/Added "Jane Doe" \(acc_[^)]+\) as a customer\. They are not in the loyalty membership yet/);
    await fixture.session.send('find member Jane');
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/1 member: Jane Doe/);
    // Enrolment: the customer is found, enrol_membership loaded, then called; an unknown name is asked about.
    const beforeEnrol = toolCalls(fixture.events).length;
    await fixture.session.send('enrol Jane Doe in the loyalty membership');
    expect(toolCalls(fixture.events).slice(beforeEnrol).map((call) => call.toolName)).toEqual(['search_members', 'enrol_membership']);
    expect(toolCalls(fixture.events).at(-1)).toMatchObject({ toolName: 'enrol_membership', ok: true });
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/^Enrolled "Jane Doe" in the loyalty membership \(tier \w+/);
    await fixture.session.send('make Nobody Here a member');
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/can't find a customer called "Nobody Here"/);
    // A booking: the member, the service and the workspace's zone are looked up, create_booking loaded, then called.
    // (A Tuesday at least two days ahead: the sandbox is open Mon–Sat 09:00–18:00.)
    const tuesday = new Date(Date.now() + 2 * 86_400_000);
    while (tuesday.getUTCDay() !== 2) tuesday.setUTCDate(tuesday.getUTCDate() + 1);
    const day = tuesday.toISOString().slice(0, 10);
    // Confirmations name the weekday, the date in words and the workspace's zone.
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const inWords = `Tuesday ${tuesday.getUTCDate()} ${months[tuesday.getUTCMonth()]} ${tuesday.getUTCFullYear()}`;
    const beforeBooking = toolCalls(fixture.events).length;
    await fixture.session.send(`book Jane into the yoga class on ${day} at 10am`);
    // (load_favcrm_tools runs locally and shows no card.)
    expect(toolCalls(fixture.events).slice(beforeBooking).map((call) => call.toolName)).toEqual(['search_members', 'list_services', 'list_my_companies', 'create_booking']);
    expect(toolCalls(fixture.events).at(-1)).toMatchObject({ toolName: 'create_booking', ok: true });
    expect(assistantTexts(fixture.events).at(-1)).toMatch(new RegExp(`^Booked Jane Doe into Yoga class on ${inWords} at 10:00 \\(Asia/Hong_Kong time\\), booking bkg_`));
    await fixture.session.send('show my bookings');
    expect(assistantTexts(fixture.events).at(-1)).toMatch(new RegExp(`^1 booking \\(times in Asia/Hong_Kong time\\): Jane Doe, Yoga class, ${inWords} at 10:00`));
    // With more members than a shortened list shows in full, the booking still finds Jane (not "add her first").
    for (let index = 1; index <= 14; index += 1) await fixture.session.send(`add a member Extra Person${index} extra${index}@example.com`);
    await fixture.session.send(`book Jane Doe into the yoga class on ${day} at 11am`);
    expect(toolCalls(fixture.events).at(-1)).toMatchObject({ toolName: 'create_booking', ok: true });
    expect(assistantTexts(fixture.events).at(-1)).toMatch(new RegExp(`^Booked Jane Doe into Yoga class on ${inWords} at 11:00`));
    await fixture.session.send('book Nobody Here into Yoga class tomorrow at 10');
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/can't find a member called "Nobody Here"/);
    const callsBefore = toolCalls(fixture.events).length;
    await fixture.session.send('delete the service Yoga class');
    expect(toolCalls(fixture.events)).toHaveLength(callsBefore);
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/can't delete anything.*real language model/);
    await fixture.session.send('write me a poem about CRMs');
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/needs a real language model/);
    await fixture.session.close();
  });

  it('handles a wrong code, then an expired one by requesting a new code', async () => {
    let now = Date.parse('2026-05-01T10:00:00Z');
    sandbox = await startTestSandbox({ now: () => new Date(now) });
    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel());
    await fixture.session.start();
    await fixture.session.send('Register my bakery Rise & Shine in Cairo, Egypt. bake@rise.eg');
    const first = latestCode(sandbox, 'bake@rise.eg');
    await fixture.session.send(first === '000000' ? '999999' : '000000');
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/didn't match \(4 tries left\)/);
    now += 11 * 60_000;
    await fixture.session.send(first);
    expect(toolCalls(fixture.events).slice(-2).map((call) => call.errorCode ?? call.toolName)).toEqual(['CODE_EXPIRED', 'register_organisation_request']);
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/expired, so I requested a new one/);
    const second = latestCode(sandbox, 'bake@rise.eg');
    await fixture.session.send(second);
    expect(fixture.session.authStatus().status).toBe('signed-in');
    await fixture.session.close();
  });

  it('says what is wrong with an incomplete email and a mistyped code, and the mistyped digits never reach the model', async () => {
    sandbox = await startTestSandbox();
    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel());
    await fixture.session.start();
    await fixture.session.send('Sign me up: Bean There cafe in Lisbon');
    await fixture.session.send('bob@gmail');
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/"bob@gmail" is missing the end of its domain.*What should I use as the email/);
    await fixture.session.send('not-an-email');
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/"not-an-email" isn't an email address I can send the code to \(it needs an @/);
    await fixture.session.send('bob at gmail dot com');
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/type the address itself, like name@example\.com/);
    expect(toolCalls(fixture.events)).toHaveLength(0);
    await fixture.session.send('bob@beanthere.pt');
    const code = latestCode(sandbox, 'bob@beanthere.pt');
    await fixture.session.send(code.slice(0, 5));
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/That's 5 digits, but the code has 6/);
    expect(toolCalls(fixture.events).map((call) => call.toolName)).toEqual(['register_organisation_request']);
    expect(capturedText(fixture)).not.toContain(code.slice(0, 5));
    await fixture.session.send(code);
    expect(fixture.session.authStatus().status).toBe('signed-in');
    await fixture.session.close();
  });

  it('a mistyped code never becomes the business name, and a new name while the code is pending asks for a new code', async () => {
    sandbox = await startTestSandbox();
    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel());
    await fixture.session.start();
    await fixture.session.send('Sign me up for FavCRM. The business is a yoga studio called Stretch + Breathe in Hong Kong');
    await fixture.session.send('owner@stretchbreathe.hk');
    await fixture.session.send('04528');
    await fixture.session.send('send a new code');
    const requests = () =>
      fixture.events.flatMap((event) => (event.type === 'tool-call-start' && event.toolName === 'register_organisation_request' ? [event.argsSummary] : []));
    expect(requests()).toHaveLength(2);
    for (const summary of requests()) expect(summary).toContain('organisationName Stretch + Breathe');
    await fixture.session.send('actually the business is called Breathe Easy Yoga');
    expect(assistantTexts(fixture.events).join('\n')).toContain('Changing the name to "Breathe Easy Yoga" means a new code');
    expect(requests().at(-1)).toMatch(/email owner@stretchbreathe\.hk · organisationName Breathe Easy Yoga · industry fitness/);
    await fixture.session.send(latestCode(sandbox, 'owner@stretchbreathe.hk'));
    expect(fixture.session.authStatus().status).toBe('signed-in');
    await fixture.session.close();
  });

  it('a lone code with nothing waiting for it never reaches the model, and is not read as a business name', async () => {
    sandbox = await startTestSandbox();
    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel());
    await fixture.session.start();
    await fixture.session.send('Sign me up: Moon Cafe in Osaka, me@mooncafe.jp');
    const code = latestCode(sandbox, 'me@mooncafe.jp');
    // "/new" forgets the pending request; the still-valid code is pasted afterwards.
    await fixture.session.reset();
    await fixture.session.send(code);
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/no signup is waiting for one here/);
    expect(capturedText(fixture)).not.toContain(code);
    // Five wrong codes lock the request; the next six digits are not a business to register.
    await fixture.session.send('Sign me up: Moon Cafe in Osaka, me@mooncafe.jp');
    for (const wrong of ['111111', '222222', '333333', '444444', '555555']) await fixture.session.send(wrong);
    expect(toolCalls(fixture.events).at(-1)?.errorCode).toBe('REQUEST_LOCKED');
    await fixture.session.send('666666');
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/no signup is waiting/);
    expect(fixture.events.filter((event) => event.type === 'approval-request')).toHaveLength(2);
  });

  it('a pending signup left by a process that died after storing the key is dropped, and digits reach CRM calls intact', async () => {
    sandbox = await startTestSandbox();
    const first = createTestSession(sandbox.url, new OfflineLanguageModel());
    await first.session.start();
    await first.session.send('Sign me up: Moon Cafe in Osaka, me@mooncafe.jp');
    const pending = (JSON.parse(fs.readFileSync(`${first.stateDir}/session.json`, 'utf8')) as { pendingSignup: unknown }).pendingSignup;
    await first.session.send(latestCode(sandbox, 'me@mooncafe.jp'));
    const apiKey = /api_key = "([^"]+)"/.exec(fs.readFileSync(first.configFile, 'utf8'))?.[1] ?? 'missing';
    // As if the process died between storing the key and saving the finished signup.
    const stateFile = `${first.stateDir}/session.json`;
    fs.writeFileSync(stateFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(stateFile, 'utf8')), pendingSignup: pending }));

    const second = createTestSession(sandbox.url, new OfflineLanguageModel(), {
      stateStore: new SessionStateStore(first.stateDir),
      initialKey: { apiKey, source: 'config file', storage: first.store.info },
    });
    await second.session.start();
    const ready = second.events.find((event) => event.type === 'session-ready');
    expect(ready?.type === 'session-ready' && ready.pendingSignup).toBeNull();
    await second.session.send('add a service Brunch, 90 min, 250000');
    const created = toolCalls(second.events).find((call) => call.toolName === 'create_service');
    expect(JSON.stringify(created?.data)).toContain('250000');
  });

  it('answers a CRM request while signed out with how to sign in, instead of registering "services"', async () => {
    sandbox = await startTestSandbox();
    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel());
    await fixture.session.start();
    for (const request of ['list services', "what's my plan status?", 'search members Dana']) {
      await fixture.session.send(request);
      expect(assistantTexts(fixture.events).at(-1), request).toMatch(/You are not signed in/);
    }
    expect(toolCalls(fixture.events)).toEqual([]);
    // Signing up still starts from a sentence about the business.
    await fixture.session.send('Sign me up: Spotless Co in Leeds, hi@spotless.co.uk');
    expect(toolCalls(fixture.events).map((call) => `${call.toolName}:${call.ok}`)).toEqual(['register_organisation_request:true']);
  });

  it('"cancel the signup" points at /new; after a second code, a wrong one says only the newest works', async () => {
    sandbox = await startTestSandbox();
    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel());
    await fixture.session.start();
    await fixture.session.send('Sign me up: Moon Cafe in Osaka, me@mooncafe.jp');
    await fixture.session.send('actually cancel the signup');
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/To drop this signup, type \/new/);
    await fixture.session.send('send a new code');
    await fixture.session.send('000000' === latestCode(sandbox, 'me@mooncafe.jp') ? '111111' : '000000');
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/didn't match .*Only the newest email has the code that works now\./);
  });

  it('an existing sandbox account gets advice that works in the sandbox, and no second request', async () => {
    sandbox = await startTestSandbox();
    const first = createTestSession(sandbox.url, new OfflineLanguageModel());
    await first.session.start();
    await first.session.send('Sign up Dup Gym in Berlin, dup@gym.de');
    await first.session.send(latestCode(sandbox, 'dup@gym.de'));
    await first.session.close();
    const second = createTestSession(sandbox.url, new OfflineLanguageModel());
    await second.session.start();
    await second.session.send('Sign up Dup Gym Two in Berlin, dup@gym.de');
    expect(toolCalls(second.events).at(-1)).toMatchObject({ errorCode: 'EMAIL_EXISTS' });
    // The real portal does not know sandbox accounts (the sandbox says so in its answer): another email does work.
    expect(assistantTexts(second.events).at(-1)).toMatch(/account in this local sandbox.*another email \(name\+2@example\.com works\)/);
    expect(assistantTexts(second.events).at(-1)).not.toContain('app.favcrm.io');
    await second.session.send('please try again');
    expect(toolCalls(second.events)).toHaveLength(1);
    expect(assistantTexts(second.events).at(-1)).toMatch(/dup@gym\.de already has an account in this local sandbox/);
    await second.session.close();
  });

  it('declining the approval sends nothing and asks what to change', async () => {
    sandbox = await startTestSandbox();
    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel(), { approve: () => false });
    await fixture.session.start();
    await fixture.session.send('Sign me up: Nope Nails in Sydney, nope@nails.au');
    expect(sandbox.outbox.list()).toHaveLength(0);
    expect(toolCalls(fixture.events).at(-1)).toMatchObject({ errorCode: 'DECLINED_BY_USER' });
    expect(assistantTexts(fixture.events).at(-1)).toMatch(/won't do that/);
    await fixture.session.close();
  });
});

describe('the offline model accepts a team invite', () => {
  it('token → code from the outbox → key stored → first calls in the inviting workspace', async () => {
    const sandbox = await startTestSandbox();
    try {
      const owner = createTestSession(sandbox.url, new OfflineLanguageModel());
      await owner.session.start();
      await owner.session.send('Sign up Team Yoga in Osaka, owner@teamyoga.jp');
      await owner.session.send(latestCode(sandbox, 'owner@teamyoga.jp'));
      await owner.session.close();
      const ownerKey = (await owner.store.load())?.apiKey ?? '';
      const connection = await connectFavcrm(sandbox.url, ownerKey);
      const invite = await connection.callTool('create_team_member_invite', { email: 'staff@teamyoga.jp', role: 'staff' });
      await connection.close();
      const token = String((invite.data as { token?: string }).token);

      const invitee = createTestSession(sandbox.url, new OfflineLanguageModel());
      await invitee.session.start();
      await invitee.session.send(`I was invited to FavCRM, my invite token is ${token}`);
      expect(toolCalls(invitee.events).at(-1)).toMatchObject({ toolName: 'accept_team_invite_request', ok: true });
      await invitee.session.send(latestCode(sandbox, 'staff@teamyoga.jp'));
      expect(invitee.session.authStatus().status).toBe('signed-in');
      expect(assistantTexts(invitee.events).at(-1)).toMatch(/You've joined the team!/);
      expect(assistantTexts(invitee.events).at(-1)).toContain('Team Yoga');
      await invitee.session.close();
    } finally {
      await sandbox.close();
    }
  });

  it('Ctrl+C while the verify call is in flight still stores the key: FavCRM issued it and the request is used up', async () => {
    const sandbox = await startTestSandbox();
    let cancel = (): void => undefined;
    // The verify answer is held back until the person has pressed Ctrl+C.
    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel(), { connect: verifyAnsweredLate(() => cancel()) });
    cancel = () => expect(fixture.session.cancel()).toBe(true);
    await fixture.session.start();
    await fixture.session.send('Sign me up: Moon Cafe in Osaka, me@mooncafe.jp');
    await fixture.session.send(latestCode(sandbox, 'me@mooncafe.jp'));

    const ended = fixture.events.filter((event) => event.type === 'turn-end').at(-1);
    expect(ended?.type === 'turn-end' && ended.reason).toBe('cancelled');
    expect(fixture.session.authStatus().status).toBe('signed-in');
    expect(fs.readFileSync(fixture.configFile, 'utf8')).toMatch(/api_key = "fav_mcp_/);
    expect(fixture.events.some((event) => event.type === 'signup-completed')).toBe(true);
    expect(fixture.events.some((event) => event.type === 'notice' && /code had already gone to FavCRM/.test(event.text))).toBe(true);
    await sandbox.close();
  });

  it('quitting (Ctrl+D, a second Ctrl+C) while the verify call is in flight waits for it and stores the key', async () => {
    const sandbox = await startTestSandbox();
    let closed: Promise<void> = Promise.resolve();
    let quit = (): void => undefined;
    // The person quits a moment after sending the code, while the answer is still on its way.
    const fixture = createTestSession(sandbox.url, new OfflineLanguageModel(), { connect: verifyAnsweredLate(() => setTimeout(quit, 0)) });
    quit = () => {
      expect(fixture.session.hasCallThatMustFinish()).toBe(true);
      closed = fixture.session.close();
    };
    await fixture.session.start();
    await fixture.session.send('Sign me up: Moon Cafe in Osaka, me@mooncafe.jp');
    await fixture.session.send(latestCode(sandbox, 'me@mooncafe.jp'));
    await closed;
    expect(fs.readFileSync(fixture.configFile, 'utf8')).toMatch(/api_key = "fav_mcp_/);
    expect(fixture.session.hasCallThatMustFinish()).toBe(false);
    await sandbox.close();
  });
});
