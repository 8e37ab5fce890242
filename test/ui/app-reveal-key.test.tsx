import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { ScriptedSession } from '../helpers/scripted-session.js';
import { flat, typeAndSend, waitForFrame, waitForInput } from './helpers.js';

afterEach(() => cleanup());

const UNSAVED = `fav_mcp_${'R'.repeat(40)}`;

/** A session holding a key no store would take (what AgentSession does when every store fails). */
class UnsavedKeySession extends ScriptedSession {
  private shown = false;

  override revealUnsavedKey(show?: (apiKey: string) => void): boolean {
    if (this.shown || !show) return false;
    this.shown = true;
    show(UNSAVED);
    return true;
  }
}

describe('App: /reveal-key', () => {
  it('shows an unsaved key once, outside the transcript, until the next line is sent', async () => {
    const app = render(<App session={new UnsavedKeySession()} />);
    await typeAndSend(app, '/reveal-key');
    const frame = flat(await waitForFrame(app, 'copy it now'));
    expect(frame).toContain(UNSAVED);
    await waitForInput(app);
    await typeAndSend(app, '/help');
    const after = flat(await waitForFrame(app, 'Commands'));
    expect(after).not.toContain(UNSAVED);
    await typeAndSend(app, '/reveal-key');
    expect(flat(await waitForFrame(app, 'shown already'))).not.toContain(UNSAVED);
  });
});
