import { afterEach, describe, expect, it } from 'vitest';
import { OfflineLanguageModel } from '../../src/agent/offline/offline-model.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { chatReducer } from '../../src/ui/state/chat-reducer.js';
import { initialChatState } from '../../src/ui/state/chat-state.js';
import { toTableModel } from '../../src/ui/format/table-model.js';
import { createTestSession, latestCode, startTestSandbox, tempDir } from '../helpers/agent-fixture.js';

describe('a resumed conversation shows what the screen showed (real sandbox)', () => {
  let sandbox: RunningSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('keeps the signup panel, the outbox notice and the rows of each card\'s table', async () => {
    sandbox = await startTestSandbox();
    const home = tempDir('resume');
    const first = createTestSession(sandbox.url, new OfflineLanguageModel(), { home });
    await first.session.start();
    await first.session.send('Sign me up: Moon Cafe in Osaka, me@mooncafe.jp');
    await first.session.send(latestCode(sandbox, 'me@mooncafe.jp'));
    for (const name of ['Ann Lee', 'Bo Chan', 'Cy Ng', 'Di Ho', 'Ed Yu', 'Fay Wu', 'Gus Ma']) await first.session.send(`add a member ${name}`);
    await first.session.send('search members');
    const live = first.events.filter((event) => event.type === 'tool-call-end' && event.toolName === 'search_members').at(-1);
    await first.session.close();

    const second = createTestSession(sandbox.url, new OfflineLanguageModel(), { home });
    await second.session.start();
    const ready = second.events.find((event) => event.type === 'session-ready');
    const history = ready?.type === 'session-ready' ? ready.history : [];
    expect(history.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['signup-success', 'outbox']));
    const state = chatReducer(initialChatState, { type: 'agent-event', event: ready ?? { type: 'turn-end', turnId: '', reason: 'done' } });
    const card = state.entries.filter((entry) => entry.kind === 'tool' && entry.toolName === 'search_members').at(-1);
    // The same table as on screen: same columns, same first rows, and "… 2 more".
    const before = toTableModel(live?.type === 'tool-call-end' ? live.data : null);
    const after = toTableModel(card?.kind === 'tool' ? card.data : null);
    expect(after).toEqual(before);
    expect(after?.rows.length).toBe(5);
    expect(after?.hiddenRows).toBe(2);
    await second.session.close();
  });
});
