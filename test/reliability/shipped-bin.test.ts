import os from 'node:os';
import path from 'node:path';
import pty from 'node-pty';
import { describe, expect, it } from 'vitest';
import { isolatedEnvironment } from '../helpers/spawn-cli.js';

describe('the shipped bin outside the repository', () => {
  it.each([
    ['the TypeScript sources through tsx', { FAVCRM_CHAT_FORCE_TSX: '1' }],
    ['whatever the bin picks (dist when fresh)', {}],
  ])('renders the chat when started from another directory, running %s', async (_label, extra) => {
    const { env } = isolatedEnvironment({ TERM: 'xterm-256color', ...extra });
    const bin = path.resolve('bin/favcrm-chat.js');
    const terminal = pty.spawn(process.execPath, [bin], { name: 'xterm-256color', cols: 100, rows: 30, cwd: os.tmpdir(), env });
    let output = '';
    terminal.onData((data) => (output += data));
    try {
      const started = Date.now();
      const visible = () => output.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');
      while (!visible().includes('Tell me about your business')) {
        if (Date.now() - started > 30_000) throw new Error(`no chat frame:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(output).not.toContain('is not defined');
    } finally {
      terminal.kill();
    }
  });
});
