import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { QUIT_WINDOW_MS } from '../../src/ui/hooks/use-quit-keys.js';
import { script, ScriptedSession } from '../helpers/scripted-session.js';
import { eventually, KEY, pressUntil, screen, typeAndSend, waitForFrame, waitForInput } from './helpers.js';

afterEach(() => cleanup());

function longImportSession(): ScriptedSession {
  return new ScriptedSession({
    reactions: [
      {
        match: /import/i,
        steps: [
          ...script.say('Importing your contacts now.'),
          ...script.emit({ type: 'tool-call-start', callId: 'c1', toolName: 'import_contacts', title: 'Import contacts', argsSummary: '120 rows' }),
          ...script.waitForCancel(),
        ],
      },
    ],
  });
}

describe('App: keys', () => {
  it('Ctrl+C cancels the running step first, and a second Ctrl+C quits', async () => {
    const session = longImportSession();
    const codes: number[] = [];
    const app = render(<App session={session} onExit={(code) => codes.push(code)} />);
    await typeAndSend(app, 'import my contacts');
    await waitForFrame(app, 'Import contacts 120 rows');

    app.stdin.write(KEY.ctrlC);
    const cancelled = await waitForFrame(app, 'Cancelled.');
    expect(session.calls.cancel).toEqual([true]);
    expect(cancelled).toContain('✗ Import contacts');
    expect(cancelled).toContain('Cancelling… press Ctrl+C again to quit.');
    expect(codes).toEqual([]);

    app.stdin.write(KEY.ctrlC);
    await eventually(() => expect(codes).toEqual([0]));
    // The second press quit without asking the session to cancel again.
    expect(session.calls.cancel).toEqual([true]);
    // The frame left in the terminal is the conversation, not a hint or an input box still waiting.
    const last = await waitForFrame(app, (frame) => !frame.includes('press Ctrl+C again'));
    expect(last).toContain('✗ Import contacts');
    expect(last).not.toMatch(/│ ›/);
  });

  it('idle Ctrl+C asks for a second press; after the window it cancels the hint instead of quitting', async () => {
    const session = new ScriptedSession();
    const codes: number[] = [];
    const app = render(<App session={session} onExit={(code) => codes.push(code)} />);
    await waitForInput(app);

    app.stdin.write(KEY.ctrlC);
    await waitForFrame(app, 'Press Ctrl+C again to quit.');
    expect(session.calls.cancel).toEqual([false]);
    await waitForFrame(app, (frame) => !frame.includes('Press Ctrl+C again'), QUIT_WINDOW_MS + 1000);
    expect(codes).toEqual([]);

    app.stdin.write(KEY.ctrlC);
    await waitForFrame(app, 'Press Ctrl+C again to quit.');
    app.stdin.write(KEY.ctrlC);
    await eventually(() => expect(codes).toEqual([0]));
  });

  it('Ctrl+D quits at once', async () => {
    const session = new ScriptedSession();
    const codes: number[] = [];
    const app = render(<App session={session} onExit={(code) => codes.push(code)} />);
    await waitForInput(app);
    app.stdin.write(KEY.ctrlD);
    await eventually(() => expect(codes).toEqual([0]));
  });

  it('quitting before the session ever became ready reports exit code 1', async () => {
    const session = new ScriptedSession({ startError: 'connect ECONNREFUSED 127.0.0.1:1' });
    const codes: number[] = [];
    const app = render(<App session={session} onExit={(code) => codes.push(code)} />);
    const frame = await waitForFrame(app, 'ECONNREFUSED');
    expect(frame).toContain('→ Run /doctor to check the endpoint, or /quit.');
    await waitForInput(app);
    app.stdin.write(KEY.ctrlD);
    await eventually(() => expect(codes).toEqual([1]));
  });

  it('prints the header first even when the core reports an error before session-ready', async () => {
    const session = new ScriptedSession();
    const start = session.start.bind(session);
    session.start = async () => {
      session.emit({ type: 'error', error: { code: 'SERVER_UNREACHABLE', message: 'Cannot reach FavCRM.', hint: 'Is the server running?' } });
      await start();
    };
    const app = render(<App session={session} />);
    await waitForInput(app);
    const frame = screen(app);
    expect(frame.indexOf('favcrm-chat')).toBeLessThan(frame.indexOf('Cannot reach FavCRM.'));
    expect(frame.match(/Cannot reach FavCRM\./g)).toHaveLength(1);
  });

  it('up/down recall earlier messages and restore what was being typed', async () => {
    const session = new ScriptedSession();
    const app = render(<App session={session} />);
    await typeAndSend(app, 'first message');
    await typeAndSend(app, 'second message');
    await waitForInput(app);
    await pressUntil(app, 'dra', '│ › dra');
    await pressUntil(app, KEY.up, '│ › second message');
    await pressUntil(app, KEY.up, '│ › first message');
    // The cursor sits at the end of a recalled line.
    await pressUntil(app, '!', '│ › first message!');
    await pressUntil(app, KEY.down, '│ › second message');
    expect(screen(app)).not.toContain('first message!');
    await pressUntil(app, KEY.down, '│ › dra');
    await pressUntil(app, 'ft', '│ › draft');
  });

  it('text whose Enter arrives in the same chunk (typed ahead, typed while busy) is sent as if Enter had been pressed', async () => {
    const session = new ScriptedSession();
    const app = render(<App session={session} />);
    await waitForInput(app);
    app.stdin.write('hello there\n');
    await eventually(() => expect(session.calls.send).toEqual(['hello there']));
    // Text and its Enter in one chunk (typed while the app was busy, or by a script) is sent too.
    await waitForInput(app);
    app.stdin.write('fast typist\r');
    await eventually(() => expect(session.calls.send).toEqual(['hello there', 'fast typist']));
    // Pasted lines with no break at the end wait in the box, joined, for Enter.
    await waitForInput(app);
    await pressUntil(app, 'two\rlines', '│ › two lines');
    expect(session.calls.send).toEqual(['hello there', 'fast typist']);
  });

  it('control keys that arrive in one chunk act one by one: Ctrl+W Ctrl+W, and a line, its Enter, then Ctrl+C', async () => {
    const session = longImportSession();
    const app = render(<App session={session} />);
    await waitForInput(app);
    await pressUntil(app, 'one two three', '│ › one two three');
    app.stdin.write('\x17\x17');
    await waitForFrame(app, (frame) => /│ › one\s*│/.test(frame) || /│ › one \s*│/.test(frame));
    app.stdin.write('\x15');
    await waitForInput(app);
    // "import my contacts", Enter, and Ctrl+C in one write: the message is sent, then the step it starts is cancelled.
    app.stdin.write('import my contacts\r\x03');
    await eventually(() => expect(session.calls.send).toEqual(['import my contacts']));
    await eventually(() => expect(session.calls.cancel.length).toBeGreaterThan(0));
  });

  it('a multi-line paste becomes one message joined with spaces, sent on Enter', async () => {
    const session = new ScriptedSession();
    const app = render(<App session={session} />);
    await waitForInput(app);
    await pressUntil(app, 'We are Acme Bakery\nin Leeds\r\nopen daily', '│ › We are Acme Bakery in Leeds open daily');
    expect(session.calls.send).toEqual([]);
    await pressUntil(app, KEY.enter, () => session.calls.send.length > 0);
    await eventually(() => expect(session.calls.send).toEqual(['We are Acme Bakery in Leeds open daily']));
    expect(screen(app)).toContain('› We are Acme Bakery in Leeds open daily');
  });
});
