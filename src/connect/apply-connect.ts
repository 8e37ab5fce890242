import { promises as fs } from 'node:fs';
import { writeFileAtomic } from '../secrets/write-file-atomic.js';
import { ConnectError } from './connect-errors.js';
import type { ConnectPlan } from './connect-types.js';
import type { PreparedConnect } from './connect-plan.js';

/** Backups may hold this or other servers' secrets: owner-only whatever the original's mode. */
const BACKUP_MODE = 0o600;

/**
 * Writes a prepared plan: refuses if the file changed since it was read, copies the old file to a timestamped
 * `.bak` beside it, then replaces it atomically (through a symlink to its target, so dotfile links survive).
 * Returns the plan with `backup` set. Nothing is written for `unchanged` or `absent`.
 */
export async function applyConnect(prepared: PreparedConnect, now: () => Date = () => new Date()): Promise<ConnectPlan> {
  const { plan, contents } = prepared;
  if (contents === null) return plan;
  const target = await followLink(plan.file);
  const current = await readText(target);
  if (current !== prepared.original) {
    throw new ConnectError('io', `${plan.file} changed while connect was working on it, so nothing was written.`, 'Run connect again.');
  }
  let backup: string | undefined;
  try {
    if (current !== null) {
      backup = await writeBackup(target, current, stamp(now()));
    }
    const directoryMode = plan.scope === 'project' ? 0o755 : 0o700;
    await writeFileAtomic(target, contents, { mode: prepared.mode, directoryMode });
  } catch (error) {
    if (ConnectError.isInstance(error)) throw error;
    throw new ConnectError('io', `Could not write ${plan.file}: ${(error as Error).message}`, 'Check the permissions of the file and its folder.');
  }
  return backup === undefined ? plan : { ...plan, backup };
}

/** `<file>.<time>.bak`, or `<file>.<time>-2.bak` when two runs fall in one second; never overwrites a backup. */
async function writeBackup(target: string, text: string, time: string): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const backup = `${target}.${time}${attempt === 1 ? '' : `-${attempt}`}.bak`;
    try {
      await fs.writeFile(backup, text, { mode: BACKUP_MODE, flag: 'wx' });
      await fs.chmod(backup, BACKUP_MODE);
      return backup;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw error;
    }
  }
}

/** A symlinked config (dotfiles) is written where it points; a missing or dangling one is written as named. */
async function followLink(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return file;
  }
}

async function readText(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** `20261207T094501Z`: sorts by time and is a valid file name everywhere. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
