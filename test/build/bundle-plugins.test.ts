import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without type declarations.
import { BUNDLE_PLUGINS } from '../../scripts/bundle-plugins.mjs';

/** Bundles `entry` (source text) with the shipped plugins into a temp folder and returns the file. */
async function bundle(entry: string): Promise<string> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-bundle-'));
  const outfile = path.join(directory, 'bundle.mjs');
  await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'js' },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: BUNDLE_PLUGINS,
    banner: { js: "import { createRequire as __favcrmCreateRequire } from 'node:module'; const require = __favcrmCreateRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  return outfile;
}

function run(file: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    // Detached: a new session without a controlling terminal, so terminal-size cannot read /dev/tty.
    const child = spawn(process.execPath, [file], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`exit ${code}: ${stderr}`))));
  });
}

describe('the bundle plugins', () => {
  it("terminal-size still runs its tput fallback, with node:child_process loaded only then", async () => {
    const file = await bundle(`import terminalSize from 'terminal-size';
      const before = process.moduleLoadList.includes('NativeModule child_process');
      process.stdout.write(JSON.stringify({ before, size: terminalSize() }));`);
    const fakeBin = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-tput-'));
    fs.writeFileSync(path.join(fakeBin, 'tput'), '#!/bin/sh\nif [ "$1" = cols ]; then echo 123; else echo 45; fi\n', { mode: 0o755 });
    const output = JSON.parse(await run(file, { PATH: `${fakeBin}:${process.env.PATH ?? ''}` })) as { before: boolean; size: unknown };
    expect(output).toEqual({ before: false, size: { columns: 123, rows: 45 } });
  });

  it('cli-spinners keeps only the spinner the chat draws', async () => {
    const file = await bundle(`import spinners from 'cli-spinners'; process.stdout.write(JSON.stringify(spinners));`);
    const spinners = JSON.parse(await run(file, { PATH: process.env.PATH ?? '' })) as Record<string, { frames: string[]; interval: number }>;
    expect(Object.keys(spinners)).toEqual(['dots']);
    expect(spinners.dots?.frames).toHaveLength(10);
    // What the UI asks ink-spinner for.
    for (const file of ['src/ui/app.tsx', 'src/ui/components/tool-call-card.tsx']) {
      for (const [, type] of fs.readFileSync(file, 'utf8').matchAll(/<Spinner type="([^"]+)"/g)) expect(Object.keys(spinners)).toContain(type);
    }
  });

  it('jsonc-parser edits still work bundled (its UMD main requires its own files at run time; the ESM build is bundled)', async () => {
    const file = await bundle(`import { modify, applyEdits, parse } from 'jsonc-parser';
      const text = '{ // mine\\n "a": 1 }';
      process.stdout.write(JSON.stringify(parse(applyEdits(text, modify(text, ['b'], 2, {})))));`);
    expect(JSON.parse(await run(file, { PATH: process.env.PATH ?? '' }))).toEqual({ a: 1, b: 2 });
  });
});
