import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/app-process.js';

interface Manifest {
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

/** Issue #19 item 1 (docs/build.md): one way to run what ships; the sources are a development script. */
describe('package.json: how the package runs', () => {
  it('the command is the bin, which runs dist/; a git checkout builds dist/ in prepare; npm start runs the bin', () => {
    expect(manifest.bin).toEqual({ 'favcrm-chat': 'bin/favcrm-chat.js' });
    expect(manifest.scripts.prepare).toBe('npm run build');
    expect(manifest.scripts.build).toBe('node scripts/build.mjs');
    expect(manifest.scripts.start).toBe('node bin/favcrm-chat.js');
    const bin = fs.readFileSync(path.join(REPO_ROOT, 'bin', 'favcrm-chat.js'), 'utf8');
    expect(bin).not.toMatch(/mtime|statSync|tsx/);
  });

  it('running the TypeScript is `npm run dev`, and tsx and esbuild are development tools only', () => {
    expect(manifest.scripts.dev).toMatch(/^tsx src\/cli\.ts$/);
    for (const tool of ['tsx', 'esbuild', 'typescript', 'vitest']) {
      expect(manifest.dependencies[tool]).toBeUndefined();
      expect(manifest.devDependencies[tool]).toBeDefined();
    }
  });

  it('ships the bin, the bundle and the prompts only', () => {
    expect(manifest.files).toEqual(['bin', 'dist', 'prompts']);
  });
});
