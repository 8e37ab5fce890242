import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/secrets/write-file-atomic.js';
import { createTempConfigHome, type TempConfigHome } from './temp-config-home.js';

let home: TempConfigHome;
beforeEach(async () => {
  home = await createTempConfigHome();
});
afterEach(() => home.cleanup());

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves only it behind', async () => {
    const target = path.join(home.root, 'deep', 'dir', 'config.toml');
    await writeFileAtomic(target, 'first\n');
    await writeFileAtomic(target, 'second\n');
    expect(await readFile(target, 'utf8')).toBe('second\n');
    expect(await readdir(path.dirname(target))).toEqual(['config.toml']);
    if (process.platform !== 'win32') expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('cleans up its temp file when the rename fails', async () => {
    const target = path.join(home.root, 'occupied');
    await mkdir(target);
    await writeFile(path.join(target, 'keep'), 'x');
    await expect(writeFileAtomic(target, 'secret')).rejects.toThrow();
    expect(await readdir(home.root)).toEqual(['occupied']);
  });
});
