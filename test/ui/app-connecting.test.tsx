import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentSessionPort } from '../../src/agent/events.js';
import { DeferredSession } from '../../src/app/deferred-session.js';
import { App } from '../../src/ui/app.js';
import { ScriptedSession } from '../helpers/scripted-session.js';
import { describeBusiness } from './fixtures/signup-script.js';
import { screen, tick, typeAndSend, waitForFrame } from './helpers.js';

afterEach(() => cleanup());

describe('App while the core is still loading (DeferredSession)', () => {
  it('draws the input at once, claims no auth state, and sends what was typed once the session is ready', async () => {
    let resolve!: (session: AgentSessionPort) => void;
    const loading = new Promise<AgentSessionPort>((onResolve) => (resolve = onResolve));
    const session = new ScriptedSession({ reactions: [describeBusiness] });
    const app = render(<App session={new DeferredSession(loading)} />);

    const first = await waitForFrame(app, 'Type a message or /help');
    expect(first).toContain('Connecting to FavCRM');
    expect(first).not.toContain('signed out');

    await typeAndSend(app, 'I run a bakery called Acme Bakery');
    await tick(50);
    // Queued: the input is hidden and nothing reached a session yet.
    expect(screen(app)).not.toContain('Type a message');
    expect(session.calls.start).toBe(0);

    resolve(session);
    await waitForFrame(app, 'What email should I use');
    expect(session.calls.start).toBe(1);
    expect(screen(app)).toContain('signed out');
    expect(screen(app)).toContain('› I run a bakery called Acme Bakery');
  });

  it('quits with exit code 1 when the session cannot be set up', async () => {
    let exitCode: number | null = null;
    const app = render(<App session={new DeferredSession(Promise.reject(new Error('OS keyring unavailable')))} onExit={(code) => (exitCode = code)} />);
    await tick(100);
    expect(exitCode).toBe(1);
    expect(screen(app)).not.toContain('Run /doctor');
  });
});
