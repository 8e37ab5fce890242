import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The name in our package.json; a stray package.json of another project on the way up is skipped. */
const PACKAGE_NAME = 'favcrm-chat';

/**
 * The installed package's root directory, found by walking up from `moduleUrl`. The same module runs from
 * `src/<area>/` (tsx, tests) and from a bundle chunk in `dist/`, so a fixed `../..` would be wrong in one of them.
 */
export function findPackageRoot(moduleUrl: string): string {
  const start = path.dirname(fileURLToPath(moduleUrl));
  for (let directory = start; ; directory = path.dirname(directory)) {
    if (readPackageName(path.join(directory, 'package.json')) === PACKAGE_NAME) return directory;
    if (path.dirname(directory) === directory) throw new Error(`No ${PACKAGE_NAME} package.json above ${start}; the installation is incomplete.`);
  }
}

function readPackageName(file: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string' ? parsed.name : undefined;
  } catch {
    return undefined; // no package.json here (or not JSON): keep walking
  }
}
