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

function newestChange(directory: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Which code bin/favcrm-chat.js will run, by its own rule: dist/cli.js when it is at least as new as every file
 * in src/, else the sources through tsx. The figures mean different things for the two, so the table says which.
 */
export function shippedBinPath(): 'dist' | 'tsx' {
  const compiled = path.join(REPO_ROOT, 'dist', 'cli.js');
  if (!fs.existsSync(compiled)) return 'tsx';
  return fs.statSync(compiled).mtimeMs >= newestChange(path.join(REPO_ROOT, 'src')) ? 'dist' : 'tsx';
}
