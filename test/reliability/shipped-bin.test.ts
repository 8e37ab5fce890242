import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pty from 'node-pty';
import { describe, expect, it } from 'vitest';
import { createAppHome, HeadlessApp } from '../helpers/app-process.js';
import { isolatedEnvironment } from '../helpers/spawn-cli.js';

describe('the shipped bin', () => {
  it('renders the chat from dist/ when started from another directory', async () => {
    const { env } = isolatedEnvironment({ TERM: 'xterm-256color' });
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

  it('runs dist/ whatever the file times say (npm extracts an install with the current time)', () => {
    // Issue #19: the bin once compared dist/ with src/ by time and went to tsx in an installed copy.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-bin-times-'));
    fs.cpSync(path.resolve('bin'), path.join(copy, 'bin'), { recursive: true });
    fs.cpSync(path.resolve('dist'), path.join(copy, 'dist'), { recursive: true });
    fs.cpSync(path.resolve('prompts'), path.join(copy, 'prompts'), { recursive: true });
    fs.copyFileSync(path.resolve('package.json'), path.join(copy, 'package.json'));
    fs.symlinkSync(path.resolve('node_modules'), path.join(copy, 'node_modules'));
    // A src/ newer than dist/, with a file that would crash if anything ran it.
    const old = new Date('2001-01-01T00:00:00Z');
    for (const file of fs.readdirSync(path.join(copy, 'dist'))) fs.utimesSync(path.join(copy, 'dist', file), old, old);
    fs.mkdirSync(path.join(copy, 'src'));
    fs.writeFileSync(path.join(copy, 'src', 'cli.ts'), "throw new Error('the sources ran');\n");
    const { env } = isolatedEnvironment();
    const help = execFileSync(process.execPath, [path.join(copy, 'bin', 'favcrm-chat.js'), '--help'], { env, cwd: os.tmpdir(), encoding: 'utf8' });
    expect(help).toMatch(/favcrm-chat/);
  });

  it('says how to build when dist/ is missing, instead of a module-not-found stack', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-bin-nodist-'));
    fs.cpSync(path.resolve('bin'), path.join(copy, 'bin'), { recursive: true });
    const result = spawnSync(process.execPath, [path.join(copy, 'bin', 'favcrm-chat.js'), '--help'], { env: isolatedEnvironment().env, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('favcrm-chat: dist/cli.js is missing. In a git checkout, run `npm run build` (npm ci runs it); to run the sources, `npm run dev`.\n');
  });

  it('starts and reaches ready when the cache directory cannot be written (a file stands where it should be)', async () => {
    const home = createAppHome('bin-cache');
    const blocker = path.join(home.home, 'not-a-directory');
    fs.writeFileSync(blocker, '');
    home.env = { ...home.env, XDG_CACHE_HOME: blocker };
    const app = HeadlessApp.start(home);
    try {
      await app.waitForEvent((event) => event.type === 'session-ready');
      app.endInput();
      expect((await app.exited).code).toBe(0);
      expect(app.stderr).not.toMatch(/ENOTDIR|EEXIST|code cache/i);
    } finally {
      await app.stop();
    }
  });
});
