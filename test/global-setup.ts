import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds dist/ once before any test file runs. The bin runs dist/ only (docs/build.md), and the tests that spawn the
 * app (test/helpers/app-process.ts, spawn-cli.ts, pty-app.ts, sandbox-process.ts, test/e2e) must test the code in
 * this checkout, not whatever an earlier build left. ~4 s.
 */
export default function buildOnce(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}
