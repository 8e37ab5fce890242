// `npm run build` (and so `npm ci`, via `prepare`, and `npm pack`): bundles src/cli.ts and its dependencies into
// dist/ with esbuild. docs/build.md describes the whole build and what each part of it buys, measured.
// One bundle starts much faster than tsc's output, which makes Node resolve and load hundreds of files.
// Type checking is separate: `npm run typecheck`.
// `--outdir <dir>` builds elsewhere (the bench does); `--without a,b` leaves out pieces of scripts/build-pieces.mjs
// or `code-cache-scripts`, so `npm run bench -- --only pieces` can measure what each buys.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execPath, pid } from 'node:process';
import { parseArgs } from 'node:util';
// A dev dependency: the build runs in a checkout (`npm ci`, `npm pack`), never in an installed copy.
import { build, buildSync } from 'esbuild';
import { buildPieceOptions } from './build-pieces.mjs';
import { buildChatUiScript, buildCoreScript } from './cached-script.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string', default: join(root, 'dist') }, without: { type: 'string', default: '' } } });
const outdir = resolve(values.outdir);
const without = new Set(values.without.split(',').filter(Boolean));
const { alias, plugins } = buildPieceOptions(without);

/** Native addons load their .node binary from their own package at runtime (keyring picks a platform package). */
const NATIVE_ADDONS = ['better-sqlite3', '@napi-rs/keyring', '@napi-rs/keyring-*', 'node-pty'];
/** Bundled CommonJS calls require(); an ESM file has none, so give it one. */
const REQUIRE_BANNER = "import { createRequire as __favcrmCreateRequire } from 'node:module'; const require = __favcrmCreateRequire(import.meta.url);";

/**
 * The sandbox's `tools/list` entries, computed from the very sources being bundled, for the bundle to carry
 * (src/sandbox/precomputed-listing.ts): converting 82 zod schemas to JSON Schema cost ~35 ms of every first start.
 */
function sandboxToolsListing() {
  // Under node_modules so the generator resolves packages as the app does, wherever --outdir points.
  const directory = join(root, 'node_modules', '.cache', 'favcrm-chat-build');
  const generator = join(directory, `tools-listing-${pid}.mjs`);
  mkdirSync(directory, { recursive: true });
  try {
    buildSync({
      stdin: {
        contents: "import { listedTools } from './src/sandbox/tool-registry.ts'; import { allTools } from './src/sandbox/tools/index.ts'; process.stdout.write(JSON.stringify(listedTools(allTools)));",
        resolveDir: root,
        loader: 'ts',
      },
      outfile: generator,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: NATIVE_ADDONS,
      banner: { js: REQUIRE_BANNER },
      logLevel: 'warning',
    });
    const listing = execFileSync(execPath, [generator], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    // Parsed here so a broken listing fails the build, not the first tools/list.
    if (!Array.isArray(JSON.parse(listing))) throw new Error('the sandbox tools listing is not an array');
    return listing;
  } finally {
    rmSync(generator, { force: true });
  }
}

const DEFINE = { 'process.env.NODE_ENV': '"production"', __FAVCRM_SANDBOX_TOOLS_LIST__: JSON.stringify(sandboxToolsListing()) };

// Built beside the target and swapped in at the end: a rebuild leaves no chunk of an earlier build behind, and an app
// started (or a test run) meanwhile finds the old build or the new one, never half of one.
const staging = `${outdir}.building-${pid}`;
rmSync(staging, { recursive: true, force: true });
try {
  await buildInto(staging);
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  throw error;
}
const previous = `${outdir}.previous-${pid}`;
try {
  renameSync(outdir, previous);
} catch {
  // No earlier build.
}
renameSync(staging, outdir);
rmSync(previous, { recursive: true, force: true });

/** The ESM bundle and, for Node 20, the code-cache scripts, into `directory`. */
async function buildInto(directory) {
  await build({
    // dist/cli.js: what bin/favcrm-chat.js runs.
    entryPoints: { cli: join(root, 'src', 'cli.ts') },
    outdir: directory,
    bundle: true,
    // Keeps `import('./ui/render-chat.js')` lazy: Ink and React sit in their own chunk that headless mode never loads.
    splitting: true,
    // Chunks sit beside cli.js, not in a subfolder: with DEV=true Ink reads `../package.json` from its own file.
    chunkNames: '[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    // React, its reconciler and scheduler ship development and production builds picked by NODE_ENV at runtime;
    // fixing it here drops the development ones (half the UI chunk) and their checks from what the chat parses.
    define: DEFINE,
    alias,
    plugins,
    // Less to read and parse at every start (~20 ms of the core). Identifiers stay: error class names are shown to
    // people and stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    external: [
      ...NATIVE_ADDONS,
      // Not installed: Ink imports it only when DEV=true and, as unbundled, warns and carries on when it is missing.
      // (A stub would be found, and Ink would then crash calling into it.)
      'react-devtools-core',
    ],
    banner: { js: REQUIRE_BANNER },
    logLevel: 'warning',
  });

  // For Node 20 only (src/app/code-cache.ts): the chat UI and the core once more, as scripts V8 can compile from a code
  // cache (scripts/cached-script.mjs). Node 22+ caches the ESM chunks above itself.
  if (!without.has('code-cache-scripts')) {
    await buildChatUiScript({ root, outdir: directory, alias, plugins, define: DEFINE });
    await buildCoreScript({ root, outdir: directory, alias, plugins, define: DEFINE });
  }
}
