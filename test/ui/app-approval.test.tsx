import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalRequest } from '../../src/agent/events.js';
import { App } from '../../src/ui/app.js';
import { script, ScriptedSession } from '../helpers/scripted-session.js';
import { pressUntil, screen, tick, typeAndSend, waitForFrame } from './helpers.js';

afterEach(() => cleanup());

const request: ApprovalRequest = {
  approvalId: 'ap_7',
  toolName: 'delete_contact',
  title: 'Delete contact',
  description: 'Deletes Dana Baker (ct_1) and her visit history.',
  args: { contact_id: 'ct_1' },
  fields: [{ path: 'contact_id', value: 'ct_1' }],
  reaches: ['deletion'],
};

function deleteSession(): ScriptedSession {
  return new ScriptedSession({
    auth: { status: 'signed-in', maskedKey: 'fav_mcp_...abcd', storage: { kind: 'keyring', location: 'OS keyring' } },
    reactions: [
      {
        match: /delete dana/i,
        repeat: true,
        steps: script.approval(
          request,
          [...script.tool('c1', 'delete_contact', { title: 'Delete contact', argsSummary: 'ct_1', summary: 'Deleted Dana Baker' }), ...script.say('Done, Dana is gone.')],
          script.say('OK, I left Dana alone.'),
        ),
      },
    ],
  });
}

describe('App: approvals', () => {
  it('y approves: answerApproval gets the id and true, the tool runs', async () => {
    const session = deleteSession();
    const app = render(<App session={session} />);
    await typeAndSend(app, 'delete Dana please');
    const prompt = await waitForFrame(app, 'Approve Delete contact?');
    expect(prompt).toContain('Deletes Dana Baker (ct_1) and her visit history.');
    expect(prompt).toContain('contact_id: ct_1');
    // The input box is hidden while the approval waits, so y/n cannot leak into it.
    expect(prompt).not.toMatch(/│ › /);
    await pressUntil(app, 'y', (frame) => !frame.includes('Approve Delete contact?'));
    const done = await waitForFrame(app, 'Done, Dana is gone.');
    expect(session.calls.answerApproval).toEqual([{ approvalId: 'ap_7', approved: true }]);
    expect(done).toContain('Delete contact: approved.');
    expect(done).toContain('✓ Delete contact ct_1');
    expect(await waitForFrame(app, (frame) => !frame.includes('Approve Delete contact?') && /│ › /.test(frame))).not.toContain('y yes');
  });

  it('n declines: answerApproval gets false, nothing runs, and the input comes back empty', async () => {
    const session = deleteSession();
    const app = render(<App session={session} />);
    await typeAndSend(app, 'delete Dana');
    await waitForFrame(app, 'Approve Delete contact?');
    await pressUntil(app, 'n', (frame) => !frame.includes('Approve Delete contact?'));
    const frame = await waitForFrame(app, 'OK, I left Dana alone.');
    expect(session.calls.answerApproval).toEqual([{ approvalId: 'ap_7', approved: false }]);
    expect(frame).toContain('Delete contact: declined, nothing was changed.');
    expect(frame).not.toContain('✓ Delete contact');
    const input = await waitForFrame(app, (text) => /│ › Ask me/.test(text));
    expect(input).not.toMatch(/│ › n/);
  });

  it('other keys do not answer', async () => {
    const session = deleteSession();
    const app = render(<App session={session} />);
    await typeAndSend(app, 'delete Dana');
    await waitForFrame(app, 'Approve Delete contact?');
    await tick(50);
    app.stdin.write('x');
    app.stdin.write('\r');
    await tick(50);
    expect(session.calls.answerApproval).toEqual([]);
    expect(screen(app)).toContain('Approve Delete contact?');
    await pressUntil(app, 'y', () => session.calls.answerApproval.length > 0);
    expect(session.calls.answerApproval).toEqual([{ approvalId: 'ap_7', approved: true }]);
  });

  it('"yes" or "no" arriving as one chunk (a paste, a slow link) answers too', async () => {
    for (const [typed, approved] of [['yes\r', true], ['No', false], ['yes please\r', true], ['no thanks\r', false]] as const) {
      const session = deleteSession();
      const app = render(<App session={session} />);
      await typeAndSend(app, 'delete Dana');
      await waitForFrame(app, 'Approve Delete contact?');
      await pressUntil(app, typed, () => session.calls.answerApproval.length > 0);
      expect(session.calls.answerApproval).toEqual([{ approvalId: 'ap_7', approved }]);
      cleanup();
    }
  });

  it('"yes, but change the email" is no plain yes: it answers nothing', async () => {
    const session = deleteSession();
    const app = render(<App session={session} />);
    await typeAndSend(app, 'delete Dana');
    await waitForFrame(app, 'Approve Delete contact?');
    app.stdin.write('yes, but change the email\r');
    await tick(100);
    expect(session.calls.answerApproval).toEqual([]);
  });

  it('"no" typed at an ordinary pace: n answers, and the "o" with its Enter is not sent as a message', async () => {
    const session = deleteSession();
    const app = render(<App session={session} />);
    await typeAndSend(app, 'delete Dana');
    await waitForFrame(app, 'Approve Delete contact?');
    await pressUntil(app, 'n', () => session.calls.answerApproval.length > 0);
    await waitForFrame(app, (frame) => /│ › /.test(frame));
    await typeAndSend(app, 'o');
    await waitForFrame(app, (frame) => /│ › Ask me/.test(frame));
    expect(session.calls.send).toEqual(['delete Dana']);
    // A real message afterwards still goes out.
    await typeAndSend(app, 'list services');
    await waitForFrame(app, () => session.calls.send.length === 2);
    expect(session.calls.send).toEqual(['delete Dana', 'list services']);
  });
});
