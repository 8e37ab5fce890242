#!/usr/bin/env node
// Runs the bundle (dist/cli.js and its chunks, made by `npm run build` = scripts/build.mjs, which `npm ci` runs
// via `prepare`) when it is up to date with src/, else the TypeScript sources through tsx, so a fresh edit is never
// shadowed by a stale build. The bundle starts much faster (test/bench). FAVCRM_CHAT_FORCE_TSX=1 always runs the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { env } from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'cli.js');

/** Newest modification time of any file under `directory`. */
function newestChange(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const forceSources = env.FAVCRM_CHAT_FORCE_TSX === '1';
if (!forceSources && existsSync(compiled) && statSync(compiled).mtimeMs >= newestChange(join(root, 'src'))) {
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  // Our tsconfig, not the working directory's: started elsewhere, the .tsx UI would get the classic JSX runtime.
  register({ tsconfig: join(root, 'tsconfig.json') });
  await import('../src/cli.ts');
}
