import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildPieceOptions } from '../../scripts/build-pieces.mjs';
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildChatUiScript, buildCoreScript, toChatUiScript } from '../../scripts/cached-script.mjs';
import { codeCacheFile as scriptCodeCacheFile } from '../../src/app/cached-script.js';
import type { CodeCacheMode } from '../../src/app/code-cache.js';
import { CORE_SCRIPT, loadCore } from '../../src/app/load-core.js';
import { codeCacheFile, loadChatUi } from '../../src/commands/load-chat-ui.js';
import { ScriptedSession } from '../helpers/scripted-session.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const toScript = toChatUiScript as (bundle: string) => string;
/** The main build's alias and plugins (scripts/build-pieces.mjs), as scripts/build.mjs passes them. */
const PIECES = (buildPieceOptions as () => { alias: Record<string, string>; plugins: unknown[] })();

/** The hand-made code-cache path (Node 20's; FAVCRM_CHAT_CODE_CACHE=scripts on any Node), caching into a temp dir. */
function scriptsMode(): CodeCacheMode & { kind: 'v8-scripts' } {
  return { kind: 'v8-scripts', directory: fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-code-cache-')) };
}

describe('the chat UI as a script for V8 code caching (scripts/cached-script.mjs, src/commands/load-chat-ui.ts)', () => {
  let directory: string;
  const mode = scriptsMode();
  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-ui-script-'));
    await buildChatUiScript({ root, outdir: directory, ...PIECES, define: { 'process.env.NODE_ENV': '"production"' } });
  }, 60_000);

  it('turns the bundle into an async function, and refuses one with an import or export left in it', () => {
    expect(toScript('var a=1;export{runChatUi};')).toBe('(async function favcrmChatUi(require, __importMetaUrl) {\nconst __favcrmRequire = require;\nvar a=1;return { runChatUi };\n})');
    expect(() => toScript('var a=1;')).toThrow(/end with an `export \{ … \}`/);
    expect(toScript('var a=1,b=2;export{a,b as c};')).toContain('return { a, c: b };');
    expect(() => toScript('import{x}from"y";var a=1;export{runChatUi};')).toThrow(/import or export statement is left/);
    expect(() => toScript('var a=1;import fs from"node:fs";export{runChatUi};')).toThrow(/import or export statement is left/);
    expect(() => toScript('var u=import.meta.url;export{runChatUi};')).toThrow(/import\.meta/);
    // Names that merely start with "import" are not statements.
    expect(() => toScript('var import_react=1;import_react=2;export{runChatUi};')).not.toThrow();
  });

  /** Loads the UI in a fresh process, as the next start would (within one process V8 reuses its own compile). */
  function loadInChild(): { compilation: string; saved: boolean } {
    const program = `const { loadChatUi } = await import(${JSON.stringify(path.join(root, 'src', 'commands', 'load-chat-ui.ts'))});
      const loaded = await loadChatUi(${JSON.stringify(directory)}, ${JSON.stringify(mode)});
      console.log(JSON.stringify({ compilation: loaded.compilation, saved: loaded.saveCodeCache() }));`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], { cwd: root, encoding: 'utf8' });
    return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { compilation: string; saved: boolean };
  }

  it('compiles fresh once and writes the code cache; the next start compiles from it; a corrupt cache is refused and rewritten', () => {
    fs.rmSync(codeCacheFile(mode.directory), { force: true });
    expect(loadInChild()).toEqual({ compilation: 'compiled', saved: true });
    expect(fs.statSync(codeCacheFile(mode.directory)).size).toBeGreaterThan(10_000);
    // Nothing is written beside the script: an installed package's dist/ stays as npm put it.
    expect(fs.readdirSync(directory).filter((name) => name.includes('v8cache'))).toEqual([]);
    expect(loadInChild()).toEqual({ compilation: 'code-cache', saved: false });
    fs.writeFileSync(codeCacheFile(mode.directory), Buffer.from('not a V8 code cache'));
    expect(loadInChild()).toEqual({ compilation: 'cache-rejected', saved: true });
    expect(loadInChild()).toEqual({ compilation: 'code-cache', saved: false });
  }, 60_000);

  it('is the real UI: it runs the chat and draws its frame', async () => {
    const { ui, compilation } = await loadChatUi(directory, mode);
    expect(compilation).not.toBe('es-module');
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
    const loaded = await loadChatUi(empty, mode);
    expect(loaded.compilation).toBe('es-module');
    expect(loaded.saveCodeCache()).toBe(false);
  });
});

describe('the core as a script for V8 code caching (src/app/load-core.ts)', () => {
  let directory: string;
  const mode = scriptsMode();
  beforeAll(async () => {
    // Inside the package, as dist/ is: the script requires better-sqlite3 from its own directory up.
    const cacheRoot = path.join(root, 'node_modules', '.cache');
    fs.mkdirSync(cacheRoot, { recursive: true });
    directory = fs.mkdtempSync(path.join(cacheRoot, 'favcrm-core-script-'));
    await buildCoreScript({ root, outdir: directory, ...PIECES, define: { 'process.env.NODE_ENV': '"production"' } });
  }, 60_000);

  /** Loads the core in a fresh process, starts a session on the embedded sandbox, and saves the cache once ready. */
  function startInChild(): { compilation: string; saved: boolean; ready: boolean } {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-core-home-'));
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'c'), XDG_DATA_HOME: path.join(home, 'd'), XDG_STATE_HOME: path.join(home, 's'), FAVCRM_SANDBOX_PORT: '0', FAVCRM_CHAT_KEYRING: 'off' };
    const program = `const { loadCore } = await import(${JSON.stringify(path.join(root, 'src', 'app', 'load-core.ts'))});
      const { parseAppOptions } = await import(${JSON.stringify(path.join(root, 'test', 'helpers', 'app-options.ts'))});
      const { resolveAppPaths } = await import(${JSON.stringify(path.join(root, 'src', 'config', 'paths.ts'))});
      const core = await loadCore(${JSON.stringify(directory)}, ${JSON.stringify(mode)});
      const app = await core.exports.createAgentSession(parseAppOptions(['--new']), process.env, resolveAppPaths(process.env));
      let ready = false;
      app.session.subscribe((event) => { if (event.type === 'session-ready') ready = true; });
      await app.session.start();
      const saved = core.saveCodeCache();
      await app.close();
      console.log(JSON.stringify({ compilation: core.compilation, saved, ready }));
      process.exit(0);`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], { cwd: root, encoding: 'utf8', env });
    return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { compilation: string; saved: boolean; ready: boolean };
  }

  it('is the real core: a fresh start compiles and writes the cache, the next one runs from it, both reach ready', () => {
    const cache = scriptCodeCacheFile(mode.directory, CORE_SCRIPT);
    fs.rmSync(cache, { force: true });
    expect(startInChild()).toEqual({ compilation: 'compiled', saved: true, ready: true });
    expect(fs.statSync(cache).size).toBeGreaterThan(100_000);
    expect(startInChild()).toEqual({ compilation: 'code-cache', saved: false, ready: true });
  }, 60_000);

  it('keeps the native addons outside the script: they are required from the install', () => {
    const source = fs.readFileSync(path.join(directory, CORE_SCRIPT), 'utf8');
    expect(source).toContain('__favcrmRequire("better-sqlite3")');
    expect(source).not.toMatch(/^\s*import\s/m);
  });

  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('falls back to the ES modules where no script was built (running the TypeScript sources)', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-core-none-'));
    const loaded = await loadCore(empty, mode);
    expect(loaded.compilation).toBe('es-module');
    expect(typeof loaded.exports.createAgentSession).toBe('function');
    expect(loaded.saveCodeCache()).toBe(false);
  });
});
