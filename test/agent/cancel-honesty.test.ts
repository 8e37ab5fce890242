import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { OfflineLanguageModel } from '../../src/agent/offline/offline-model.js';
import { connectFavcrm, type ConnectFavcrm } from '../../src/mcp/favcrm-connection.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { createTestSession, latestCode, startTestSandbox, type SessionFixture } from '../helpers/agent-fixture.js';

/** A real connection that cancels the turn right after sending `toolName`, while its answer is on its way. */
function cancelWhileSending(toolName: string, cancel: () => void): ConnectFavcrm {
  return async (url, apiKey) => {
    const connection = await connectFavcrm(url, apiKey);
    return {
      url: connection.url,
      authenticated: connection.authenticated,
      listTools: () => connection.listTools(),
      close: () => connection.close(),
      callTool: async (name, args, options) => {
        const answer = connection.callTool(name, args, options);
        if (name === toolName) {
          cancel();
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
        return answer;
      },
    };
  };
}

const notices = (events: readonly AgentEvent[]) => events.flatMap((event) => (event.type === 'notice' ? [event.text] : []));
const ended = (events: readonly AgentEvent[]) => events.filter((event) => event.type === 'turn-end').at(-1);

describe('Ctrl+C is honest about calls already sent (real sandbox)', () => {
  let sandbox: RunningSandbox | undefined;
  let fixture: SessionFixture | undefined;
  afterEach(async () => {
    await fixture?.session.close();
    await sandbox?.close();
    sandbox = undefined;
  });

  async function signedIn(connect: ConnectFavcrm): Promise<SessionFixture> {
    const running = sandbox as RunningSandbox;
    const session = createTestSession(running.url, new OfflineLanguageModel(), { connect });
    await session.session.start();
    await session.session.send('Sign me up: Moon Cafe in Osaka, me@mooncafe.jp');
    await session.session.send(latestCode(running, 'me@mooncafe.jp'));
    return session;
  }

  it('a write already sent is awaited and reported as done, not as cancelled', async () => {
    sandbox = await startTestSandbox();
    let cancel = () => {};
    fixture = await signedIn(cancelWhileSending('create_service', () => cancel()));
    cancel = () => fixture?.session.cancel();
    const before = fixture.events.length;
    await fixture.session.send('add a service Facial, 45 min, 65');
    const events = fixture.events.slice(before);
    expect(ended(events)).toMatchObject({ reason: 'cancelled' });
    expect(events.find((event) => event.type === 'tool-call-end')).toMatchObject({ toolName: 'create_service', ok: true });
    expect(notices(events)).toEqual([expect.stringMatching(/^Cancelled, but FavCRM had already done this before the cancel reached it: .*\(Facial\)\.$/)]);
    // It really was created, and is not created again: the next message is read on its own.
    const listed = fixture.events.length;
    await fixture.session.send('list services');
    expect(fixture.events.slice(listed).filter((event) => event.type === 'tool-call-end').map((event) => event.type === 'tool-call-end' && event.toolName)).toEqual(['list_services']);
    expect(fixture.events.flatMap((event) => (event.type === 'assistant-message' ? [event.text] : [])).at(-1)).toMatch(/1 service: Facial/);
  });

  it('a signup request already sent is recorded as pending, so its code still works', async () => {
    sandbox = await startTestSandbox();
    let cancel = () => {};
    const running = sandbox;
    fixture = createTestSession(running.url, new OfflineLanguageModel(), { connect: cancelWhileSending('register_organisation_request', () => cancel()) });
    cancel = () => fixture?.session.cancel();
    await fixture.session.start();
    await fixture.session.send('Sign me up: Moon Cafe in Osaka, me@mooncafe.jp');
    expect(notices(fixture.events).at(-1)).toMatch(/^Cancelled, but FavCRM had already done this.*The code went to m\*\*\*@m\*\*\*e\.jp: paste it here/);
    await fixture.session.send(latestCode(running, 'me@mooncafe.jp'));
    expect(fixture.events.some((event) => event.type === 'signup-completed')).toBe(true);
  });

  it('cancelling at the approval card sends nothing: no code is emailed', async () => {
    sandbox = await startTestSandbox();
    const running = sandbox;
    fixture = createTestSession(running.url, new OfflineLanguageModel(), {
      approve: () => {
        fixture?.session.cancel();
        return true;
      },
    });
    await fixture.session.start();
    await fixture.session.send('Sign me up: Moon Cafe in Osaka, me@mooncafe.jp');
    expect(ended(fixture.events)).toMatchObject({ reason: 'cancelled' });
    expect(running.outbox.list()).toEqual([]);
    expect(notices(fixture.events).filter((text) => /already done/.test(text))).toEqual([]);
  });
});
