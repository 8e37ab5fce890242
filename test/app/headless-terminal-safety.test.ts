import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { runHeadless } from '../../src/app/headless.js';
import { script, ScriptedSession } from '../helpers/scripted-session.js';

/** The QA finding: a service name that clears the screen, turns text red and retitles the terminal. */
const EVIL_NAME = 'Evil\x1b[2J\x1b[31mRED\x1b]0;PWNED\x07 x';
/** Bytes no headless line may carry: ESC, BEL, a lone CR, the 8-bit CSI, a right-to-left override. */
const CONTROL = /[\x1b\x07\r\u009b\u202e]/;

function hostileSession(): ScriptedSession {
  return new ScriptedSession({
    reactions: [
      {
        match: /services/,
        echo: 'list \x1b[31mservices\x07',
        steps: [
          ...script.tool('c1', 'list_services', {
            title: `List ${EVIL_NAME}`,
            argsSummary: 'filter=\x1b]0;PWNED\x1b\\',
            summary: `Found ${EVIL_NAME}\r`,
            data: { items: [{ name: EVIL_NAME }] },
          }),
          ...script.emit(
            { type: 'notice', level: 'warning', text: 'notice \u009b31mRED \u202Egnirts' },
            { type: 'error', error: { code: 'BUSY', message: 'slow \x1b]0;PWNED\x07down', hint: 'wait\x1b[5m' } },
            { type: 'assistant-message', text: 'Your \x1b[31mRED\x1b[0m service \x1b]0;PWNED\x07is listed.' },
          ),
        ],
      },
    ],
  });
}

async function runWith(json: boolean): Promise<{ stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
  const code = await runHeadless(hostileSession(), { stdin: Readable.from(['list services\n']), stdout, stderr }, { json, autoApprove: false });
  expect(code).toBe(0);
  return { stdout: out.join(''), stderr: err.join('') };
}

describe('runHeadless: text from the server, the model or the user cannot drive the terminal', () => {
  it('prints the conversation in text mode without escape sequences or control characters', async () => {
    const { stdout, stderr } = await runWith(false);
    // The planted text is there, cleaned, so a raw sequence would have been seen.
    expect(stdout).toContain('you> list services\uFFFD\n');
    expect(stdout).toContain('  · List EvilRED x (filter=)\n');
    expect(stdout).toContain('    ✓ Found EvilRED x\n');
    expect(stdout).toContain('assistant> Your RED service is listed.\n');
    expect(stderr).toContain('warning: notice RED gnirts\n');
    expect(stderr).toContain('error: slow down\n  → wait\n');
    expect(stdout).not.toMatch(CONTROL);
    expect(stderr).not.toMatch(CONTROL);
    expect(stdout).not.toContain('PWNED');
  });

  it('keeps --json lossless: controls are escaped in the bytes and come back intact when parsed', async () => {
    const { stdout } = await runWith(true);
    expect(stdout).not.toMatch(CONTROL);
    const events = stdout.trim().split('\n').map((line) => JSON.parse(line) as AgentEvent);
    const end = events.find((event) => event.type === 'tool-call-end');
    expect(end).toMatchObject({ summary: `Found ${EVIL_NAME}\r`, data: { items: [{ name: EVIL_NAME }] } });
    expect(events.find((event) => event.type === 'notice')).toMatchObject({ text: 'notice \u009b31mRED \u202Egnirts' });
  });
});
