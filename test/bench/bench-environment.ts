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
