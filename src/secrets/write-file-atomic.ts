import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Owner-only: the file holds a long-lived API key. */
export const PRIVATE_FILE_MODE = 0o600;
/** Owner-only directory, used only when we have to create it. */
export const PRIVATE_DIRECTORY_MODE = 0o700;

export interface WriteFileAtomicOptions {
  /** The file's mode; 0600 unless a caller writes a file that holds no secret and others may read (a client config). */
  mode?: number;
  /** The mode of directories that have to be created. */
  directoryMode?: number;
}

/**
 * Writes `contents` so a reader sees the old file or the new one, never half of either: a 0600 temp file in the
 * same directory, fsync, rename over the target, then chmod (0600 by default) in case the target was looser.
 */
export async function writeFileAtomic(target: string, contents: string, options: WriteFileAtomicOptions = {}): Promise<void> {
  const mode = options.mode ?? PRIVATE_FILE_MODE;
  const directory = path.dirname(target);
  await fs.mkdir(directory, { recursive: true, mode: options.directoryMode ?? PRIVATE_DIRECTORY_MODE });
  const temporary = path.join(directory, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temporary, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.chmod(temporary, mode);
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  await fs.chmod(target, mode);
  await syncDirectory(directory);
}

/** Makes the rename itself durable; not every platform lets a directory be opened, so failure is ignored. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await fs.open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows and some filesystems refuse fsync on a directory; the data itself is already synced.
  }
}
