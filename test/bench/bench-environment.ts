import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/app-process.js';
import type { SpawnSpec } from './process-timing.js';

/** `node -e ""` from the repository root with a clean environment: the baseline every startup figure is divided by. */
export function bareNodeSpec(env: NodeJS.ProcessEnv = process.env): SpawnSpec {
  return { command: process.execPath, args: ['-e', ''], cwd: REPO_ROOT, env };
}

/** A temp dir for one bench section, removed by the caller's cleanup (the OS cleans /tmp otherwise). */
export function benchTempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `favcrm-bench-${label}-`));
}

/** Progress goes to stderr so stdout stays the table. */
export function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

let sharedCacheHome: string | undefined;

/**
 * One XDG_CACHE_HOME for every app the bench starts: each run gets a fresh HOME, but the code cache (docs/build.md)
 * is kept across runs as it is for a person, so the discarded warm-up round writes it and the measured rounds use it.
 */
export function withBenchCodeCache(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  sharedCacheHome ??= benchTempDir('code-cache');
  return { ...env, XDG_CACHE_HOME: sharedCacheHome };
}
