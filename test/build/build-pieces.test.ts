import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without type declarations.
import { buildPieceOptions, BUILD_PIECES } from '../../scripts/build-pieces.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
type PieceOptions = { alias: Record<string, string>; plugins: unknown[] };
const pieceOptions = buildPieceOptions as (without?: Set<string>, options?: { allowRequired?: boolean }) => PieceOptions;

/** Bundles `entry` (source text) with the build's pieces (all, or all but `without`) into a temp folder inside the checkout. */
async function bundle(entry: string, without: string[] = []): Promise<string> {
  // Under node_modules/.cache, so what the bundle leaves out (ajv) is found in node_modules, as it is from dist/.
  const cache = path.join(root, 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  const outfile = path.join(fs.mkdtempSync(path.join(cache, 'favcrm-pieces-')), 'bundle.mjs');
  const { alias, plugins } = pieceOptions(new Set(without), { allowRequired: true });
  await build({
    stdin: { contents: entry, resolveDir: root, loader: 'js' },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    alias,
    plugins: plugins as never,
    banner: { js: "import { createRequire as __favcrmCreateRequire } from 'node:module'; const require = __favcrmCreateRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  return outfile;
}

function run(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`exit ${code}: ${stderr}`))));
  });
}

describe('the build pieces (scripts/build-pieces.mjs, docs/build.md)', () => {
  it('no-ai-gateway: ai runs without the gateway, which says why it is absent when used', async () => {
    const program = `import { generateText } from 'ai';
      import { MockLanguageModelV3 } from 'ai/test';
      const model = new MockLanguageModelV3({ doGenerate: async () => ({ content: [{ type: 'text', text: 'hi' }], finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: { total: 1 }, outputTokens: { total: 1 } }, warnings: [] }) });
      const { text } = await generateText({ model, prompt: 'x' });
      let gateway = '';
      try { await generateText({ model: 'openai/gpt-4o', prompt: 'x' }); } catch (error) { gateway = error.message; }
      process.stdout.write(JSON.stringify({ text, gateway }));`;
    const file = await bundle(program);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('ai-gateway.vercel.sh');
    const output = JSON.parse(await run(file)) as { text: string; gateway: string };
    expect(output.text).toBe('hi');
    expect(output.gateway).toContain('does not include the Vercel AI Gateway');
  });

  it('zod-english-only: only the English locale is bundled, and messages are still English', async () => {
    const file = await bundle(`import { z } from 'zod';
      const result = z.object({ name: z.string() }).safeParse({ name: 3 });
      process.stdout.write(JSON.stringify({ locales: Object.keys(z.locales), message: result.error.issues[0].message }));`);
    const output = JSON.parse(await run(file)) as { locales: string[]; message: string };
    expect(output.locales).toEqual(['en']);
    expect(output.message).toMatch(/expected string/i);
  });

  it('lazy-ajv-provider: ajv loads only when a schema is validated, and then validates', async () => {
    const file = await bundle(`import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
      const loaded = () => Object.keys(require.cache).some((key) => /[\\\\/]ajv[\\\\/]/.test(key));
      const validator = new AjvJsonSchemaValidator();
      const before = loaded();
      const check = validator.getValidator({ type: 'object', properties: { n: { type: 'number' } }, required: ['n'] });
      process.stdout.write(JSON.stringify({ before, after: loaded(), good: check({ n: 1 }).valid, bad: check({}).valid }));`);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('ajv-formats');
    expect(JSON.parse(await run(file))).toEqual({ before: false, after: true, good: true, bad: false });
  });

  it("yoga-without-fetch: Ink's layout engine loads without undici, and lays out", async () => {
    const program = `import Yoga from 'yoga-layout';
      const node = Yoga.Node.create(); node.setWidth(40); node.setHeight(3); node.calculateLayout();
      process.stdout.write(JSON.stringify({ width: node.getComputedWidth(), undici: process.moduleLoadList.some((name) => name.includes('undici')) }));`;
    expect(JSON.parse(await run(await bundle(program)))).toEqual({ width: 40, undici: false });
    // Without the piece the same program loads undici: the piece is what keeps it out.
    expect(JSON.parse(await run(await bundle(program, ['yoga-without-fetch'])))).toEqual({ width: 40, undici: true });
  });

  it('jsonc-parser-esm: comment-keeping JSON edits work bundled (the UMD main cannot be bundled)', async () => {
    const program = `import { modify, applyEdits, parse } from 'jsonc-parser';
      const text = '{ // mine\\n "a": 1 }';
      process.stdout.write(JSON.stringify(parse(applyEdits(text, modify(text, ['b'], 2, {})))));`;
    expect(JSON.parse(await run(await bundle(program)))).toEqual({ a: 1, b: 2 });
    await expect(bundle(program, ['jsonc-parser-esm']).then(run)).rejects.toThrow(/Cannot find module/);
  });

  it('names every piece once, and the build refuses a --without it does not know', () => {
    const names = (BUILD_PIECES as Array<{ name: string }>).map((piece) => piece.name);
    expect(new Set(names).size).toBe(names.length);
    const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--outdir', fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-nobuild-')), '--without', 'no-such-piece'], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('--without no-such-piece: not a piece of the build');
    // A piece the bundle needs to work is not optional.
    expect(() => pieceOptions(new Set(['jsonc-parser-esm']))).toThrow(/does not work without it/);
  });
});
