import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { script, ScriptedSession } from '../helpers/scripted-session.js';
import { pressUntil, stripAnsi, tick, typeAndSend, waitForFrame } from './helpers.js';

afterEach(() => cleanup());

/** The QA finding: a service name that clears the screen, turns text red and retitles the terminal. */
const EVIL_NAME = 'Evil\x1b[2J\x1b[31mRED\x1b]0;PWNED\x07 x';
/** Injected sequences; Ink's own colour codes never wrap this text, so finding one means it came through raw. */
const INJECTED = [']0;PWNED', 'PWNED\x07', '\x1b[31mRED', '\x1b[2J', '\x1b]', '\x07', '\u202E'];

function hostileSession(): ScriptedSession {
  return new ScriptedSession({
    doctorReport: { url: 'http://127.0.0.1:7777/mcp', reachable: true, authenticated: false, server: EVIL_NAME },
    reactions: [
      {
        match: /services/,
        echo: 'list \x1b[31mRED\x1b[0m services\x07',
        steps: [
          ...script.say('Looking \x1b]0;PWNED\x07now.', 2),
          ...script.tool('c1', 'list_services', {
            title: `List ${EVIL_NAME}`,
            argsSummary: 'filter=\x1b]0;PWNED\x1b\\',
            summary: `Found 2 services: ${EVIL_NAME}`,
            data: { items: [{ name: EVIL_NAME, price: 120 }, { name: 'Yoga \u202Egnirts', price: 90 }] },
          }),
          ...script.emit(
            { type: 'notice', level: 'warning', text: 'notice \x1b[31mRED' },
            { type: 'assistant-message', text: 'Your \x1b[31mRED\x1b[0m service \x1b]0;PWNED\x07is listed.' },
          ),
          ...script.approval(
            { approvalId: 'a1', toolName: 'delete_service', title: `Delete ${EVIL_NAME}`, description: 'Deletes \x1b]0;PWNED\x07it.', args: { name: EVIL_NAME }, fields: [{ path: `na\x1b[31mme`, value: EVIL_NAME }], reaches: ['deletion'] },
            script.say('Deleted.'),
            script.say('Kept.'),
          ),
        ],
      },
    ],
  });
}

describe('App: text from the server, the model or the user cannot drive the terminal', () => {
  it('draws tool cards, tables, messages, notices, approvals and command output without the injected sequences', async () => {
    const session = hostileSession();
    const app = render(<App session={session} />);
    await typeAndSend(app, 'list services');
    await waitForFrame(app, 'Approve Delete EvilRED x?');
    await pressUntil(app, 'n', (frame) => !frame.includes('Approve Delete EvilRED x?'));
    await waitForFrame(app, 'Kept.');
    await typeAndSend(app, '/doctor');
    await waitForFrame(app, 'server: EvilRED x');
    await tick();

    // The planted text did render, cleaned, so a raw sequence would have been seen.
    const everything = app.frames.map(stripAnsi).join('\n');
    for (const where of ['› list RED services', 'List EvilRED x', 'filter=', 'Found 2 services: EvilRED x', 'notice RED', 'Your RED service is listed.', 'Deletes it.']) {
      expect(everything).toContain(where);
    }
    // The table keeps its columns: the cleaned name lines up with its price, and the reversed name reads as sent.
    expect(everything).toMatch(/EvilRED x\s+120/);
    expect(everything).toMatch(/Yoga gnirts\s+90/);

    expect(app.frames.length).toBeGreaterThan(10);
    app.frames.forEach((frame, index) => {
      for (const sequence of INJECTED) expect(frame, `frame ${index}`).not.toContain(sequence);
    });
    const last = app.lastFrame() ?? '';
    expect(last).not.toContain(']0;PWNED');
    expect(last).not.toContain('\x1b[31mRED');
  });
});
