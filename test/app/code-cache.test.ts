import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDirectory } from '../../src/config/cache-directory.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/** enableCodeCache in a fresh process (Node's compile cache is per process), with `env`; returns the mode. */
function modeInChild(env: Record<string, string>): { kind: string; directory?: string; nodeCacheDir?: string } {
  const program = `const { enableCodeCache } = await import(${JSON.stringify(path.join(root, 'src', 'app', 'code-cache.ts'))});
    const mode = enableCodeCache(process.env);
    const { default: module } = await import('node:module');
    console.log(JSON.stringify({ ...mode, nodeCacheDir: module.getCompileCacheDir?.() }));`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.NODE_COMPILE_CACHE;
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], { cwd: root, encoding: 'utf8', env: childEnv });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as ReturnType<typeof modeInChild>;
}

const hasNodeCompileCache = Number(process.versions.node.split('.')[0]) >= 22;

describe('the code cache switch (src/app/code-cache.ts, docs/build.md)', () => {
  const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-cache-home-'));
  const expectedDirectory = path.join(cacheHome, 'favcrm-chat', 'code-cache');

  it(`by default uses ${hasNodeCompileCache ? "Node's own compile cache" : 'the V8 script cache (Node 20 has no compile cache for ES modules)'}, under the user's cache dir`, () => {
    const mode = modeInChild({ XDG_CACHE_HOME: cacheHome });
    if (hasNodeCompileCache) {
      expect(mode.kind).toBe('node-compile-cache');
      // Node keeps one subdirectory per Node version and build inside it.
      expect(path.dirname(mode.nodeCacheDir ?? '')).toBe(expectedDirectory);
    } else {
      expect(mode).toEqual({ kind: 'v8-scripts', directory: expectedDirectory });
    }
  }, 30_000);

  it('off turns every cache off; scripts picks the V8 script cache on any Node', () => {
    expect(modeInChild({ XDG_CACHE_HOME: cacheHome, FAVCRM_CHAT_CODE_CACHE: 'off' })).toEqual({ kind: 'off' });
    expect(modeInChild({ XDG_CACHE_HOME: cacheHome, FAVCRM_CHAT_CODE_CACHE: 'scripts' })).toEqual({ kind: 'v8-scripts', directory: expectedDirectory });
  }, 30_000);
});

describe("Node's compile cache written once the code that matters has run (src/app/cached-script.ts)", () => {
  it.skipIf(!hasNodeCompileCache)('saveCodeCache flushes it, so a start that is killed still leaves a cache', () => {
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-cache-home-'));
    const moduleDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-cached-module-'));
    const moduleFile = path.join(moduleDirectory, 'chunk.mjs');
    fs.writeFileSync(moduleFile, `export const answer = ${'1 + '.repeat(2_000)}1;\n`);
    const program = `const { enableCodeCache } = await import(${JSON.stringify(path.join(root, 'src', 'app', 'code-cache.ts'))});
      const { loadCachedScript } = await import(${JSON.stringify(path.join(root, 'src', 'app', 'cached-script.ts'))});
      enableCodeCache(process.env);
      const loaded = await loadCachedScript(${JSON.stringify(moduleDirectory)}, 'absent.script.js', () => import(${JSON.stringify(moduleFile)}));
      console.log(JSON.stringify({ compilation: loaded.compilation, answer: loaded.exports.answer, saved: loaded.saveCodeCache() }));
      process.kill(process.pid, 'SIGKILL');`;
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cacheHome };
    delete env.NODE_COMPILE_CACHE;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], { cwd: root, encoding: 'utf8', env });
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}')).toEqual({ compilation: 'es-module', answer: 2_001, saved: true });
    const cached = fs.readdirSync(path.join(cacheHome, 'favcrm-chat', 'code-cache'), { recursive: true });
    expect(cached.length).toBeGreaterThan(0);
  }, 30_000);
});

describe('cacheDirectory', () => {
  it('follows each platform and ignores a relative XDG_CACHE_HOME', () => {
    expect(cacheDirectory({ HOME: '/home/a', XDG_CACHE_HOME: '/x/cache' }, 'linux')).toBe('/x/cache/favcrm-chat');
    expect(cacheDirectory({ HOME: '/home/a', XDG_CACHE_HOME: 'relative' }, 'linux')).toBe('/home/a/.cache/favcrm-chat');
    expect(cacheDirectory({ HOME: '/Users/a' }, 'darwin')).toBe('/Users/a/Library/Caches/favcrm-chat');
    expect(cacheDirectory({ HOME: 'C:\\Users\\a', LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32')).toBe(path.join('C:\\Users\\a\\AppData\\Local', 'favcrm-chat', 'Cache'));
  });
});
