import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { BUNDLE_PLUGINS } from '../../scripts/bundle-plugins.mjs';
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildChatUiScript, toChatUiScript } from '../../scripts/ui-script.mjs';
import { codeCacheFile, loadChatUi } from '../../src/ui/load-chat-ui.js';
import { ScriptedSession } from '../../src/ui/testing/scripted-session.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const toScript = toChatUiScript as (bundle: string) => string;

describe('the chat UI as a script for V8 code caching (scripts/ui-script.mjs, src/ui/load-chat-ui.ts)', () => {
  let directory: string;
  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-ui-script-'));
    await buildChatUiScript({ root, outdir: directory, plugins: BUNDLE_PLUGINS, define: { 'process.env.NODE_ENV': '"production"' } });
  }, 60_000);

  it('turns the bundle into an async function, and refuses one with an import or export left in it', () => {
    expect(toScript('var a=1;export{runChatUi};')).toBe('(async function favcrmChatUi(require, __importMetaUrl) {\nconst __favcrmRequire = require;\nvar a=1;return { runChatUi };\n})');
    expect(() => toScript('var a=1;')).toThrow(/end with `export \{ runChatUi \}`/);
    expect(() => toScript('import{x}from"y";var a=1;export{runChatUi};')).toThrow(/import or export statement is left/);
    expect(() => toScript('var a=1;import fs from"node:fs";export{runChatUi};')).toThrow(/import or export statement is left/);
    expect(() => toScript('var u=import.meta.url;export{runChatUi};')).toThrow(/import\.meta/);
    // Names that merely start with "import" are not statements.
    expect(() => toScript('var import_react=1;import_react=2;export{runChatUi};')).not.toThrow();
  });

  /** Loads the UI in a fresh process, as the next start would (within one process V8 reuses its own compile). */
  function loadInChild(): { compilation: string; saved: boolean } {
    const program = `const { loadChatUi } = await import(${JSON.stringify(path.join(root, 'src', 'ui', 'load-chat-ui.ts'))});
      const loaded = await loadChatUi(${JSON.stringify(directory)});
      console.log(JSON.stringify({ compilation: loaded.compilation, saved: loaded.saveCodeCache() }));`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], { cwd: root, encoding: 'utf8' });
    return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { compilation: string; saved: boolean };
  }

  it('compiles fresh once and writes the code cache; the next start compiles from it; a corrupt cache is refused and rewritten', () => {
    fs.rmSync(codeCacheFile(directory), { force: true });
    expect(loadInChild()).toEqual({ compilation: 'compiled', saved: true });
    expect(fs.statSync(codeCacheFile(directory)).size).toBeGreaterThan(10_000);
    expect(loadInChild()).toEqual({ compilation: 'code-cache', saved: false });
    fs.writeFileSync(codeCacheFile(directory), Buffer.from('not a V8 code cache'));
    expect(loadInChild()).toEqual({ compilation: 'cache-rejected', saved: true });
    expect(loadInChild()).toEqual({ compilation: 'code-cache', saved: false });
  }, 60_000);

  it('is the real UI: it runs the chat and draws its frame', async () => {
    const { ui } = await loadChatUi(directory);
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined, ref: () => undefined, unref: () => undefined });
    let screen = '';
    const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 80, rows: 24 });
    stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    const exited = ui.runChatUi(new ScriptedSession(), { stdin: stdin as never, stdout: stdout as never, stderr: new PassThrough() as never, patchConsole: false });
    for (let waited = 0; !screen.includes('Tell me about your business') && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen).toContain('Tell me about your business');
    stdin.write('\u0004');
    expect(await exited).toBe(0);
  });

  it('falls back to the ES module where no script was built (running the TypeScript sources)', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-ui-none-'));
    const loaded = await loadChatUi(empty);
    expect(loaded.compilation).toBe('es-module');
    expect(loaded.saveCodeCache()).toBe(false);
  });
});
