import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/app.js';
import { ScriptedSession } from '../helpers/scripted-session.js';
import { completed, describeBusiness, expiredCode, giveEmail, KEY_LOCATION, MASKED_EMAIL, MASKED_KEY, pending, rightCode, wrongCode } from './fixtures/signup-script.js';
import { flat, KEY, pressUntil, screen, stripAnsi, typeAndSend, waitForFrame, waitForInput } from './helpers.js';

const CODE_PROMPT = `Paste the 6-digit code sent to ${MASKED_EMAIL}`;

afterEach(() => cleanup());

describe('App: the signup journey on a scripted session', () => {
  it('goes from a sentence to a working workspace, on screen', async () => {
    const session = new ScriptedSession({ reactions: [describeBusiness, giveEmail, rightCode] });
    const app = render(<App session={session} />);

    const start = await waitForFrame(app, 'Tell me about your business');
    expect(start).toContain('SANDBOX');
    expect(start).toContain('http://127.0.0.1:7777/mcp');
    expect(start).toContain('signed out');
    expect(session.calls.start).toBe(1);

    await typeAndSend(app, 'I run a bakery called Acme Bakery');
    await waitForFrame(app, 'What email should I use');
    expect(screen(app)).toContain('› I run a bakery called Acme Bakery');

    await typeAndSend(app, 'you@example.com');
    const codeScreen = await waitForFrame(app, CODE_PROMPT);
    expect(codeScreen).toContain('✓ Register organisation');
    expect(codeScreen).toContain(`Code sent to ${MASKED_EMAIL}`);
    expect(flat(codeScreen)).toContain(`Sandbox: the email to ${MASKED_EMAIL} landed in the local outbox. Type /outbox to read it (or run \`favcrm-chat sandbox outbox\` in another terminal).`);
    // The outbox notice comes after the card that sent the email.
    expect(codeScreen.indexOf('Register organisation')).toBeLessThan(codeScreen.indexOf('landed in the local outbox'));

    await typeAndSend(app, '123456');
    const done = await waitForFrame(app, 'You are all set');
    expect(done).toContain('✓ Verify code');
    expect(done).toContain('Your FavCRM workspace is ready');
    expect(done).toContain('Acme Bakery');
    expect(done).toContain('organisation org_42 · company cmp_7 · user usr_9');
    expect(done).toContain(MASKED_KEY);
    expect(done).toContain(KEY_LOCATION);
    expect(done).toContain(completed.loginUrl);
    expect(done).toContain('• Import your customers');
    // The first calls' results as small tables.
    expect(done).toMatch(/name\s+points_required/);
    expect(done).toMatch(/Gold\s+500/);
    expect(done).toMatch(/id\s+name\s+email\s+created_at/);
    expect(done).toMatch(/ct_1\s+Dana Baker\s+dana@example\.com/);
    // The code prompt is gone, the echoed code is redacted, and the placeholder now fits a signed-in user.
    expect(done).not.toContain(CODE_PROMPT);
    expect(done).toContain('› ••••••');
    const ready = await waitForFrame(app, 'Ask me to do something in your CRM');
    expect(ready).toContain(`signed in ${MASKED_KEY}`);
    expect(session.calls.send).toEqual(['I run a bakery called Acme Bakery', 'you@example.com', '123456']);
  });

  it('keeps asking for the code after a wrong one, then accepts the right one', async () => {
    const session = new ScriptedSession({ pendingSignup: pending, reactions: [wrongCode, rightCode] });
    const app = render(<App session={session} />);
    await waitForFrame(app, CODE_PROMPT);

    await typeAndSend(app, '111111');
    const wrong = await waitForFrame(app, 'That code is not right.');
    expect(wrong).toContain('✗ Verify code');
    expect(wrong).toContain('→ Check the email and paste the 6 digits again.');
    const afterWrong = await waitForFrame(app, CODE_PROMPT);
    expect(afterWrong).toContain('That code is not right.');

    await typeAndSend(app, '123456');
    const done = await waitForFrame(app, 'Your FavCRM workspace is ready');
    expect(done).toContain(MASKED_KEY);
  });

  it('says an expired code expired, with the next step, and stops asking for it', async () => {
    const session = new ScriptedSession({ pendingSignup: pending, reactions: [expiredCode] });
    const app = render(<App session={session} />);
    await waitForFrame(app, CODE_PROMPT);

    await typeAndSend(app, '222222');
    const frame = await waitForFrame(app, (text) => text.includes('That code expired.') && text.includes('Tell me about your business'));
    expect(frame).toContain('→ Say "send a new code" and I will start again.');
    expect(frame).toContain('✗ Verify code');
    expect(frame).not.toContain(CODE_PROMPT);
  });

  it('keeps no line that holds the code, or a typo of it, in the up-arrow history', async () => {
    const session = new ScriptedSession({ pendingSignup: pending, reactions: [wrongCode, wrongCode, wrongCode, wrongCode] });
    const app = render(<App session={session} />);
    await waitForFrame(app, CODE_PROMPT);
    for (const line of ['hello there', 'the code is 123 456', '４１２６２４', '12345']) {
      await typeAndSend(app, line);
      await waitForInput(app);
    }
    // The input box (│ › …), not the transcript, and only what Up recalls (typing showed each line, of course).
    const typed = app.frames.length;
    await pressUntil(app, KEY.up, '│ › hello there');
    await pressUntil(app, KEY.up, '│ › hello there');
    const recalled = app.frames.slice(typed).map(stripAnsi).join('\n');
    for (const typed of ['│ › the code is 123 456', '│ › ４１２６２４', '│ › 12345']) expect(recalled).not.toContain(typed);
  });
});
