import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/app-process.js';

/**
 * Runs src/cli.ts with `--version` in a process whose stdout.write is gone, so printing the version throws a real
 * TypeError ("… is not a function") from inside the command layer: a crash, not an expected failure.
 */
function crash(env: Record<string, string>): { status: number | null; stderr: string } {
  const program = `process.stdout.write = undefined; process.argv = [process.argv[0], 'favcrm-chat', '--version']; await import(${JSON.stringify(path.join(REPO_ROOT, 'src', 'cli.ts'))});`;
  const result = spawnSync(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', program], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: REPO_ROOT, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('a crash (anything that is not a FatalError)', () => {
  it('prints its message and exit 1; FAVCRM_CHAT_DEBUG shows the stack of a real TypeError', () => {
    const quiet = crash({});
    expect(quiet.status).toBe(1);
    expect(quiet.stderr).toMatch(/^favcrm-chat: .*is not a function/);
    expect(quiet.stderr).toContain('FAVCRM_CHAT_DEBUG=1 shows where it happened');
    expect(quiet.stderr).not.toMatch(/\n\s+at /);

    const debug = crash({ FAVCRM_CHAT_DEBUG: '1' });
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/TypeError: .*is not a function\n\s+at .*run-command-line/);
  }, 60_000);
});
