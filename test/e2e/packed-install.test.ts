import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { createOutbox } from '../../src/sandbox/outbox-directory.js';
import { REPO_ROOT } from '../helpers/app-process.js';
import { isolatedEnvironment } from '../helpers/spawn-cli.js';

// Issue #19: `npm pack` + `npm install -g` of the tarball crashed on `--help`, because the bin picked the sources by
// file time (npm extracts with the current time) and tsconfig.json was not packed. This installs the package the
// way a person does and runs it from the installed copy only: the checkout is never on its path.

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-packed-'));
const prefix = path.join(work, 'prefix');
const installed = path.join(prefix, process.platform === 'win32' ? '' : 'lib', 'node_modules', 'favcrm-chat');
const command = path.join(prefix, process.platform === 'win32' ? 'favcrm-chat.cmd' : path.join('bin', 'favcrm-chat'));
/** The installed command finds `node` on PATH (its shebang): the Node running the tests, also in .ci/run's Node 24 pass. */
const PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;

let packedFiles: string[] = [];

/** Every file under `directory` (relative, sorted) with its size and time, node_modules aside. */
function snapshot(directory: string): string[] {
  const entries: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else entries.push(`${path.relative(directory, full)} ${fs.statSync(full).size} ${fs.statSync(full).mtimeMs}`);
    }
  };
  walk(directory);
  return entries.sort();
}

/**
 * better-sqlite3 has no prebuilt binary on the npm registry (its install script downloads one from GitHub, else
 * compiles SQLite for a minute or more). prebuild-install first looks for a local prebuild, so this hands it the one
 * `npm ci` already compiled for this very Node, as the tarball it would have downloaded. A different version than
 * the checkout's is simply compiled.
 */
function localPrebuilds(): Record<string, string> {
  const module = path.join(REPO_ROOT, 'node_modules', 'better-sqlite3');
  const binary = path.join(module, 'build', 'Release', 'better_sqlite3.node');
  if (!fs.existsSync(binary)) return {};
  const { version } = JSON.parse(fs.readFileSync(path.join(module, 'package.json'), 'utf8')) as { version: string };
  const directory = path.join(work, 'prebuilds');
  const staging = path.join(work, 'prebuild-staging');
  fs.mkdirSync(path.join(staging, 'build', 'Release'), { recursive: true });
  fs.mkdirSync(directory, { recursive: true });
  fs.copyFileSync(binary, path.join(staging, 'build', 'Release', 'better_sqlite3.node'));
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync('tar', ['-czf', path.join(directory, name), '-C', staging, 'build']);
  return { npm_config_better_sqlite3_local_prebuilds: directory };
}

/** The installed command with a fresh HOME, started outside the checkout. */
function run(args: string[], env: NodeJS.ProcessEnv, input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd: work, env: { ...env, PATH }, encoding: 'utf8', input: input ?? '', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  // dist/ is fresh (test/global-setup.ts built it), so packing skips `prepare`.
  const packed = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: REPO_ROOT, encoding: 'utf8' })) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const tarball = path.join(work, packed[0]?.filename ?? 'missing.tgz');
  packedFiles = (packed[0]?.files ?? []).map((file) => file.path).sort();
  // Dependencies come from the npm cache `npm ci` filled; the registry only for what is missing from it.
  execFileSync(npm, ['install', '--global', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: work,
    env: { ...process.env, ...localPrebuilds(), PATH },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Hostile file times: everything the package shipped is older than anything else around it.
  const old = new Date('2001-01-01T00:00:00Z');
  for (const entry of snapshot(installed)) fs.utimesSync(path.join(installed, entry.split(' ')[0] ?? ''), old, old);
}, 600_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the packed package, installed with npm install -g into a fresh prefix', () => {
  it('ships what the installed command needs and nothing of the development tree', () => {
    expect(packedFiles).toContain('bin/favcrm-chat.js');
    expect(packedFiles).toContain('dist/cli.js');
    expect(packedFiles).toContain('prompts/system.md');
    expect(packedFiles).toContain('package.json');
    expect(packedFiles.filter((file) => !/^(?:bin|dist|prompts)\/|^(?:package\.json|README\.md|LICENSE)$/.test(file))).toEqual([]);
    expect(packedFiles.filter((file) => /\.v8cache$|\.ts$/.test(file))).toEqual([]);
    // tsx (and esbuild) are development tools: an installed copy has neither.
    expect(fs.existsSync(path.join(installed, 'node_modules', 'tsx'))).toBe(false);
  });

  it('--help prints the usage', () => {
    const result = run(['--help'], isolatedEnvironment().env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage/m);
  });

  it('sandbox starts, listens on 127.0.0.1, answers MCP and stops', async () => {
    const { home, env } = isolatedEnvironment();
    const child = spawn(command, ['sandbox', '--port', '0', '--data', path.join(home, 'sandbox')], { cwd: work, env: { ...env, PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line:\n${output}`)), 30_000);
        const read = (chunk: Buffer): void => {
          output += chunk.toString('utf8');
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.once('exit', (code) => reject(new Error(`exited (${code}) before listening:\n${output}`)));
      });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      const { result } = (await response.json()) as { result: { tools: Array<{ name: string }> } };
      expect(result.tools.map((tool) => tool.name)).toContain('register_organisation_request');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('signs up headless and offline on the embedded sandbox, to the first CRM call, and writes nothing into the package', async () => {
    const before = snapshot(installed);
    const { home, env } = isolatedEnvironment();
    // Its own cache home, to see this start write its code cache there.
    env.XDG_CACHE_HOME = path.join(home, '.cache');
    const child = spawn(command, ['--headless', '--json', '--yes'], { cwd: work, env: { ...env, PATH }, stdio: ['pipe', 'pipe', 'pipe'] });
    const events: AgentEvent[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{')) events.push(JSON.parse(line) as AgentEvent);
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const waitFor = async (found: () => boolean, what: string): Promise<void> => {
      for (const started = Date.now(); !found(); await new Promise((resolve) => setTimeout(resolve, 50))) {
        if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`no ${what}:\n${JSON.stringify(events.map((event) => event.type))}\n${stderr}`);
      }
    };
    const email = 'owner@packed-install.test';
    try {
      child.stdin.write(`Sign me up for FavCRM: a yoga studio called Packed Yoga in Hong Kong, ${email}\n`);
      await waitFor(() => events.some((event) => event.type === 'signup-pending'), 'signup-pending');
      // The embedded sandbox's outbox, where a person would read the code with /outbox.
      const outbox = createOutbox(path.join(home, '.local', 'share', 'favcrm-chat', 'sandbox', 'outbox'));
      const code = outbox.list().find((entry) => entry.to === email)?.code ?? '';
      expect(code).toMatch(/\S/);
      child.stdin.write(`my code is ${code}\n`);
      const crmCall = (event: AgentEvent): boolean => event.type === 'tool-call-end' && event.ok && !event.toolName.startsWith('register_organisation');
      await waitFor(() => events.some(crmCall), 'CRM call after signup');
      const ends = events.filter((event): event is Extract<AgentEvent, { type: 'tool-call-end' }> => event.type === 'tool-call-end');
      expect(ends.slice(0, 2).map((event) => [event.toolName, event.ok])).toEqual([
        ['register_organisation_request', true],
        ['register_organisation_verify', true],
      ]);
      child.stdin.end();
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGTERM');
    }
    // The code cache went to the user's cache directory (docs/build.md), not into the installed package.
    expect(snapshot(installed)).toEqual(before);
    expect(fs.readdirSync(path.join(home, '.cache', 'favcrm-chat', 'code-cache')).length).toBeGreaterThan(0);
  });
});
