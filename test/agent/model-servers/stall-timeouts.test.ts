import { afterEach, describe, expect, it } from 'vitest';
import { openai } from './dialects.js';
import { assistantTexts, errorsOf, PROVIDERS, startHarness, type Harness } from './journey-harness.js';
import { sse, type Frame } from './replay-server.js';

const firstToken = [sse({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'Let me ' }, finish_reason: null }] })];
const deadlines = { firstTokenMs: 400, idleMs: 300 };

describe.each(PROVIDERS)('deadlines over the whole stream through %s', (provider) => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('a server that never starts: the first-token timeout fires, says so, and the request is aborted', async () => {
    harness = await startHarness(provider, () => ({ frames: [{ stall: true }] }), deadlines);
    const started = Date.now();
    await harness.fixture.session.send('hello');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(errorsOf(harness.fixture.events)).toEqual([
      {
        code: 'MODEL_TIMEOUT',
        message: 'The model did not start answering within 400 ms (first-token timeout); the request was cancelled.',
        hint: 'Your message is kept: send it again. If the server is just slow, raise FAVCRM_CHAT_MODEL_TIMEOUT_MS.',
      },
    ]);
    // The server saw its socket closed by the client: the slot is free, not busy generating for no one.
    expect(await harness.server.requests[0]?.closed).toBe('client-closed');
  });

  it('a server that stalls after its first token: the idle timeout fires, says so, and the request is aborted', async () => {
    harness = await startHarness(provider, () => ({ frames: [...firstToken, { stall: true }] }), deadlines);
    const started = Date.now();
    await harness.fixture.session.send('hello');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(errorsOf(harness.fixture.events)).toEqual([
      {
        code: 'MODEL_TIMEOUT',
        message: 'The model stopped sending for 300 ms in the middle of its answer (idle timeout); the request was cancelled.',
        hint: 'Your message is kept: send it again. If the server is just slow, raise FAVCRM_CHAT_MODEL_IDLE_TIMEOUT_MS.',
      },
    ]);
    expect(await harness.server.requests[0]?.closed).toBe('client-closed');
  });

  it('a slow but steady server finishes even when the whole answer takes longer than either deadline', async () => {
    const slow = (): Frame[] => openai({ kind: 'text', text: 'Steady answer, piece by piece.' }, 0).flatMap((frame) => [{ pauseMs: 60 }, frame]);
    harness = await startHarness(provider, () => ({ frames: slow() }), deadlines);
    const started = Date.now();
    await harness.fixture.session.send('hello');
    expect(Date.now() - started).toBeGreaterThan(deadlines.firstTokenMs);
    expect(errorsOf(harness.fixture.events)).toEqual([]);
    expect(assistantTexts(harness.fixture.events)).toEqual(['Steady answer, piece by piece.']);
    expect(await harness.server.requests[0]?.closed).toBe('finished');
  });

  it('Ctrl+C during a stall cancels the turn and aborts the request (the turn signal reaches the socket)', async () => {
    harness = await startHarness(provider, () => ({ frames: [...firstToken, { stall: true }] }), { firstTokenMs: 10_000, idleMs: 10_000 });
    const sending = harness.fixture.session.send('hello');
    while (harness.server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    harness.fixture.session.cancel();
    await sending;
    expect(harness.fixture.events.at(-1)).toMatchObject({ type: 'turn-end', reason: 'cancelled' });
    expect(errorsOf(harness.fixture.events)).toEqual([]);
    expect(await harness.server.requests[0]?.closed).toBe('client-closed');
  });
});
