import { describe, expect, it } from 'vitest';
import type { AgentEvent, AgentSessionPort } from '../../src/agent/events.js';
import { DeferredSession, SessionSetupError } from '../../src/app/deferred-session.js';
import { ScriptedSession } from '../helpers/scripted-session.js';

/** A promise the test settles by hand, standing in for the core that is still loading. */
function pendingSession(): { promise: Promise<AgentSessionPort>; resolve: (session: AgentSessionPort) => void; reject: (error: Error) => void } {
  let resolve!: (session: AgentSessionPort) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<AgentSessionPort>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

describe('DeferredSession', () => {
  it('forwards events to listeners that subscribed before the session existed, and holds a message until start', async () => {
    const pending = pendingSession();
    const deferred = new DeferredSession(pending.promise);
    const events: AgentEvent['type'][] = [];
    deferred.subscribe((event) => events.push(event.type));
    expect(deferred.authStatus()).toEqual({ status: 'signed-out' });
    expect(deferred.cancel()).toBe(false);

    const started = deferred.start();
    const sent = deferred.send('hello');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([]);

    pending.resolve(new ScriptedSession({ reactions: [{ match: 'hello', steps: [{ kind: 'event', event: { type: 'assistant-message', text: 'hi' } }] }] }));
    await started;
    await sent;
    // session-ready comes before the queued message is echoed: what was typed early is sent after start.
    expect(events.indexOf('session-ready')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('user-message')).toBeGreaterThan(events.indexOf('session-ready'));
    expect(events.filter((type) => type === 'user-message')).toHaveLength(1);
  });

  it('starts the real session once however often start() is called', async () => {
    const session = new ScriptedSession();
    let starts = 0;
    const original = session.start.bind(session);
    session.start = () => {
      starts += 1;
      return original();
    };
    const deferred = new DeferredSession(Promise.resolve(session));
    await Promise.all([deferred.start(), deferred.start(), deferred.send('x')]);
    expect(starts).toBe(1);
  });

  it('turns a failed setup into SessionSetupError for start and every call, with the original message', async () => {
    const pending = pendingSession();
    const deferred = new DeferredSession(pending.promise);
    pending.reject(new Error('OS keyring unavailable'));
    const failure = await deferred.start().catch((error: unknown) => error);
    expect(SessionSetupError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toBe('OS keyring unavailable');
    await expect(deferred.doctor()).rejects.toThrow('OS keyring unavailable');
    await expect(deferred.send('hello')).rejects.toThrow(SessionSetupError);
    await expect(deferred.close()).resolves.toBeUndefined();
  });
});
