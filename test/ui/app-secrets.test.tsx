import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { script, ScriptedSession } from '../helpers/scripted-session.js';
import { KEY, pressUntil, stripAnsi, typeAndSend, waitForFrame, waitForInput } from './helpers.js';

afterEach(() => cleanup());

/** A full key, as if the core's redactor had slipped everywhere at once. */
const FULL_KEY = 'fav_mcp_Zq7Wx2Lk9Pv4Rt6Yh8Nm3Bc5';
/** The secret middle: never drawn, not even in part of a frame. */
const SECRET_MIDDLE = FULL_KEY.slice(8, -4);
const MASKED = 'fav_mcp_...3Bc5';
const storage = { kind: 'keyring' as const, location: 'OS keyring' };

function leakySession(): ScriptedSession {
  return new ScriptedSession({
    auth: { status: 'signed-in', maskedKey: FULL_KEY, storage },
    history: [{ kind: 'assistant', text: `Earlier I said ${FULL_KEY}` }],
    doctorReport: { url: 'http://127.0.0.1:7777/mcp', reachable: true, authenticated: true, apiKey: FULL_KEY },
    reactions: [
      {
        match: /leak/,
        steps: [
          // Split so the key straddles deltas: `fav_mc` | `p_Zq7Wx2Lk9Pv` | `4Rt6Yh8Nm3Bc5 ...`.
          ...script.emit(
            { type: 'text-delta', text: 'Here it is: fav_mc' },
            { type: 'text-delta', text: 'p_Zq7Wx2Lk9Pv' },
            { type: 'text-delta', text: '4Rt6Yh8Nm3Bc5 keep it safe.' },
            { type: 'assistant-message', text: `Here it is: ${FULL_KEY} keep it safe.` },
            { type: 'tool-call-start', callId: 'c1', toolName: 'get_key', title: 'Get key', argsSummary: `key=${FULL_KEY}` },
            { type: 'tool-call-end', callId: 'c1', toolName: 'get_key', title: 'Get key', argsSummary: `key=${FULL_KEY}`, ok: true, summary: `got ${FULL_KEY}`, data: { items: [{ name: 'key', value: FULL_KEY }] } },
            { type: 'notice', level: 'warning', text: `notice ${FULL_KEY}` },
            { type: 'error', error: { code: 'INTERNAL', message: `error ${FULL_KEY}`, hint: `hint ${FULL_KEY}` } },
            { type: 'outbox-notice', to: FULL_KEY, directory: '/tmp', command: 'favcrm-chat sandbox outbox' },
            { type: 'signup-completed', result: { maskedKey: FULL_KEY, storage, nextSteps: [`use ${FULL_KEY}`] } },
            { type: 'auth-changed', auth: { status: 'signed-in', maskedKey: FULL_KEY, storage } },
          ),
          ...script.approval(
            { approvalId: 'a1', toolName: 'share', title: 'Share key', description: `Sends ${FULL_KEY}`, args: { key: FULL_KEY }, fields: [{ path: 'key', value: FULL_KEY }], preview: { total: 4, rows: [{ key: FULL_KEY }] }, reaches: ['people'] },
            script.say('Shared.'),
            script.say('Not shared.'),
          ),
        ],
      },
    ],
  });
}

describe('App: a full key never reaches the screen', () => {
  it('masks a planted key in every frame: streaming, tools, tables, approvals, panels, header, footer, commands, input', async () => {
    const session = leakySession();
    const app = render(<App session={session} />);
    await typeAndSend(app, 'leak it');
    await waitForFrame(app, 'Approve Share key?');
    await pressUntil(app, 'y', (frame) => !frame.includes('Approve Share key?'));
    await waitForFrame(app, 'Shared.');
    await typeAndSend(app, '/doctor');
    await waitForFrame(app, 'apiKey');
    await typeAndSend(app, '/auth');
    await waitForFrame(app, 'Signed in with');

    // A pasted key: hidden in the box, masked in the transcript, and not kept in the up-arrow history.
    await waitForInput(app);
    await pressUntil(app, `my key is ${FULL_KEY}`, '••••••••');
    await pressUntil(app, KEY.enter, () => session.calls.send.length === 2);
    await waitForInput(app);
    await pressUntil(app, KEY.up, '│ › /auth');

    // The planted content did render (masked), so this test would see a leak if masking broke.
    const everything = app.frames.map(stripAnsi).join('\n');
    for (const where of ['Here it is: fav_mcp_...3Bc5', `key=${MASKED}`, `got ${MASKED}`, `notice ${MASKED}`, `→ hint ${MASKED}`, `Sends ${MASKED}`, `Earlier I said ${MASKED}`, `signed in ${MASKED}`, `apiKey: ${MASKED}`, `Signed in with ${MASKED}`, `my key is ${MASKED}`]) {
      expect(everything).toContain(where);
    }
    expect(app.frames.length).toBeGreaterThan(20);
    app.frames.forEach((frame, index) => {
      const visible = stripAnsi(frame);
      expect(visible, `frame ${index}`).not.toContain(FULL_KEY);
      expect(visible, `frame ${index}`).not.toContain(SECRET_MIDDLE);
      expect(visible, `frame ${index}`).not.toMatch(/fav_mcp_[A-Za-z0-9_-]{5,}/);
    });
  });
});
