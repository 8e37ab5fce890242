import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runHeadless } from '../../src/app/headless.js';
import { script, ScriptedSession } from '../helpers/scripted-session.js';

async function run(lines: string[], json: boolean, session: ScriptedSession): Promise<string> {
  const stdout = new PassThrough();
  const out: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
  const code = await runHeadless(session, { stdin: Readable.from(lines.map((line) => `${line}\n`)), stdout, stderr: new PassThrough() }, { json, autoApprove: false });
  expect(code).toBe(0);
  return out.join('');
}

describe('runHeadless: the chat\'s slash commands work in a script too', () => {
  it('answers /auth, /outbox, /help and /new itself; none of them reaches the model', async () => {
    const session = new ScriptedSession({
      auth: { status: 'signed-in', maskedKey: 'fav_mcp_...abcd', storage: { kind: 'config-file', location: '/home/x/.config/favcrm/config.toml' } },
      outbox: [{ to: 'me@cafe.jp', subject: 'Your FavCRM verification code: 412624', sentAt: '2026-11-25T08:00:00.000Z', code: '412624' }],
    });
    const stdout = await run(['/auth', '/outbox', '/help', '/new', '/frobnicate', '/quit', 'never sent'], false, session);
    expect(stdout).toContain('Auth\n  Signed in with fav_mcp_...abcd');
    expect(stdout).toMatch(/Sandbox outbox \(newest first\)\n {2}code 412624 · to me@cafe\.jp/);
    expect(stdout).toContain('/logout          forget the stored key');
    expect(stdout).toContain('Started a new conversation.');
    expect(stdout).toContain('Unknown command /frobnicate.');
    expect(session.calls.send).toEqual([]);
    expect(session.calls.reset).toBe(1);
  });

  it('writes a command-output event per command with --json', async () => {
    const stdout = await run(['/auth'], true, new ScriptedSession());
    const outputs = stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; command?: string; lines?: string[] });
    expect(outputs.find((event) => event.type === 'command-output')).toMatchObject({ command: '/auth', lines: ['Signed out. Tell me about your business to sign up, or set FAVCRM_API_KEY.'] });
  });
});

describe('runHeadless: approvals answered on the next line', () => {
  const request = { approvalId: 'ap_1', toolName: 'delete_contact', title: 'Delete contact', description: 'Deletes Dana.', args: {}, fields: [], reaches: ['deletion' as const] };
  const session = () =>
    new ScriptedSession({
      reactions: [{ match: /delete dana/i, repeat: true, steps: script.approval(request, script.say('Deleted.'), script.say('Left Dana alone.')) }],
    });

  it('takes "yes please" and "no thanks" as answers, and anything else declines and is the next turn', async () => {
    expect(await run(['delete Dana', 'yes please'], false, session())).toContain('Deleted.');
    expect(await run(['delete Dana', 'no thanks'], false, session())).toContain('Left Dana alone.');
    const other = session();
    const stdout = await run(['delete Dana', 'yes, but only the email'], false, other);
    expect(stdout).toContain('Left Dana alone.');
    expect(other.calls.send).toEqual(['delete Dana', 'yes, but only the email']);
  });
});
