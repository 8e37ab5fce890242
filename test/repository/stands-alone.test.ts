import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/app-process.js';


/** The development workspace's folder beside the checkout, which a public clone does not have (spelled in parts, so this file does not name it). */
const WORKSPACE_FOLDER = ['sha', 'red'].join('');
const OUTSIDE_FOLDER = new RegExp(`/work/${WORKSPACE_FOLDER}|\\b${WORKSPACE_FOLDER}/eval\\b`);
/** What runs or is read at run and test time; docs may mention other places. */
const CHECKED_DIRECTORIES = ['bin', 'src', 'test', 'scripts', 'prompts', '.ci'];
const CHECKED_FILES = ['package.json', 'vitest.config.ts', 'eslint.config.js', 'tsconfig.json'];
const SKIPPED = new Set(['node_modules', 'dist', '.git']);
/** Files whose climbing paths are data, not places read: hostile input sent to the sandbox, and this test's own cases. */
const NOT_PATHS_READ = new Set(['test/reliability/json-rpc-fuzz-cases.ts', 'test/repository/stands-alone.test.ts']);

function filesUnder(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('dist.')) return [];
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** Every quoted string (or whitespace-separated word of one) that holds a relative path climbing with `../`. */
function climbingPaths(text: string): string[] {
  const found: string[] = [];
  // Comment lines show paths as examples (an import rule's doc); only code can read a path.
  const code = text
    .split('\n')
    .filter((line) => !/^\s*(?:\/\/|\/\*|\*)/.test(line))
    .join('\n');
  for (const [, , quoted = ''] of code.matchAll(/(['"`])((?:(?!\1)[^\n\\])*)\1/g)) {
    for (const word of quoted.split(/\s+/)) if (/(^|\/)\.\.\//.test(word)) found.push(word);
  }
  return found;
}

/**
 * Issue #19: a clone outside the development workspace failed `npm test` because code read the workspace's eval folder beside the checkout. Any
 * relative path in code, tests, scripts or config that resolves outside the repository would fail the same way.
 */
describe('the repository stands alone', () => {
  const files = [...CHECKED_DIRECTORIES.flatMap((directory) => filesUnder(path.join(REPO_ROOT, directory))), ...CHECKED_FILES.map((file) => path.join(REPO_ROOT, file))]
    .filter((file) => /\.(?:[cm]?[jt]sx?|json|md|txt|sh)$|[\\/]\.ci[\\/]|[\\/]bin[\\/]/.test(file) && fs.existsSync(file));

  it('checks a real set of files', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(path.join(REPO_ROOT, 'src', 'agent', 'offline', 'eval-cli.ts'));
  });

  it('names no path outside the repository', () => {
    const escapes: string[] = [];
    for (const file of files) {
      if (NOT_PATHS_READ.has(path.relative(REPO_ROOT, file).split(path.sep).join('/'))) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const relative of climbingPaths(text)) {
        const target = path.resolve(path.dirname(file), relative.replace(/^.*?(?=\.\.\/)/, ''));
        if (path.relative(REPO_ROOT, target).startsWith('..')) escapes.push(`${path.relative(REPO_ROOT, file)}: ${relative}`);
      }
      if (OUTSIDE_FOLDER.test(text)) escapes.push(`${path.relative(REPO_ROOT, file)}: names the development workspace's folder`);
    }
    expect(escapes).toEqual([]);
  });

  it('finds a path that climbs out (the check can fail)', () => {
    const climbing = `../../../../${WORKSPACE_FOLDER}/eval/dev.jsonl`;
    expect(climbingPaths(`const set = resolve(here, '${climbing}');`)).toEqual([climbing]);
    expect(climbingPaths("/** e.g. `../ui/x.js` */\n// see '../../elsewhere'\n * `../x`")).toEqual([]);
  });
});
