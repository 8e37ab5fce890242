// Node 20 only (src/app/code-cache.ts): the chat UI and the core as classic scripts V8 can compile from a code cache
// (src/app/cached-script.ts loads them). Node 20 has no compile cache for ES modules (`module.enableCompileCache` is Node 22): compiling the UI chunk
// (React, its reconciler, Ink, yoga) was ~30 ms of the first frame, and the core's (the AI SDK, the MCP SDK, zod,
// the sandbox) ~50 ms of headless "ready". A script compiled by `vm.Script` takes `cachedData`, so from the second
// start on V8 skips parsing and compiling what the first start ran.
//
// Each script is one esbuild bundle of an entry with no import or export left in it:
// - Node built-ins become CommonJS modules that call the `require` the loader passes in;
// - `import.meta.url` is the loader's `__importMetaUrl`;
// - native addons (better-sqlite3, the keyring) are `require`d the same way, from the script's own directory;
// - the bundle's one `export { … }` becomes a `return` of those names, and the whole is wrapped in an async function
//   (Ink and yoga use top-level await, which an async function body allows and a CommonJS bundle does not).
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

export const CHAT_UI_SCRIPT = 'chat-ui.script.js';
export const CORE_SCRIPT = 'core.script.js';

const BUILTINS = new Set(builtinModules);

/** Native addons: they load their .node binary from their own package, so they stay outside the bundle. */
const NATIVE_ADDONS = /^(?:better-sqlite3|@napi-rs\/keyring(?:-[\w-]+)?)$/;

/** `node:fs`, `fs/promises`, `better-sqlite3`: served by the loader's `require` instead of an `import` statement. */
const requiredAtRuntime = {
  name: 'required-at-runtime',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (!BUILTINS.has(name)) return undefined;
      return { path: `node:${name}`, namespace: 'required-at-runtime' };
    });
    build.onResolve({ filter: NATIVE_ADDONS }, (args) => ({ path: args.path, namespace: 'required-at-runtime' }));
    build.onLoad({ filter: /.*/, namespace: 'required-at-runtime' }, (args) => ({
      contents: `module.exports = __favcrmRequire(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/** Ink imports react-devtools-core only when DEV=true; it is not installed, so DEV gets an empty module here. */
const devtoolsStub = {
  name: 'react-devtools-core-stub',
  setup(build) {
    build.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'devtools-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'devtools-stub' }, () => ({ contents: 'module.exports = { initialize() {}, connectToDevTools() {} };', loader: 'js' }));
  },
};

/** `export { a, b as c }` at the very end of an esbuild ESM bundle. */
const EXPORT_STATEMENT = /export\s*\{([\w$\s,]+)\};?\s*$/;

/**
 * The bundle's text as the loader's async function `functionName(require, __importMetaUrl)`, resolving to the
 * entry's exports; fails loudly if esbuild ever emits another module form.
 */
export function toCachedScript(bundle, functionName) {
  const exported = EXPORT_STATEMENT.exec(bundle);
  if (!exported) throw new Error(`${functionName}: expected the bundle to end with an \`export { … }\` of the entry's names`);
  const names = exported[1].split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    const [local, exportedName = local] = entry.split(/\s+as\s+/);
    return local === exportedName ? local : `${exportedName}: ${local}`;
  });
  const body = `${bundle.slice(0, exported.index)}return { ${names.join(', ')} };\n`;
  const leftover = /(?:^|[;}\n])\s*(?:import\s*(?:[{*"']|[\w$]+\s*(?:,|from\b))|export\s*[{*]|export\s+(?:default|const|let|var|function|class)\b)/.exec(body);
  if (leftover) throw new Error(`${functionName}: an import or export statement is left in the bundle: "${body.slice(leftover.index, leftover.index + 80)}"`);
  if (/\bimport\.meta\b/.test(body)) throw new Error(`${functionName}: import.meta is left in the bundle`);
  // `require` too: esbuild's shim for a computed require() in bundled CommonJS looks for one in scope.
  return `(async function ${functionName}(require, __importMetaUrl) {\nconst __favcrmRequire = require;\n${body}})`;
}

/** The chat UI's function: kept by name for its tests. */
export function toChatUiScript(bundle) {
  return toCachedScript(bundle, 'favcrmChatUi');
}

/** Bundles `entry` into `outdir/<scriptName>` with the main build's settings and plugins, as a cacheable script. */
export async function buildCachedScript({ entry, scriptName, functionName, outdir, alias = {}, plugins, define }) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    define: { ...define, 'import.meta.url': '__importMetaUrl' },
    alias,
    plugins: [requiredAtRuntime, devtoolsStub, ...plugins],
    minifyWhitespace: true,
    minifySyntax: true,
    // Licences stay in the ESM chunks; a comment after the export would hide it from the rewrite.
    legalComments: 'none',
    logLevel: 'warning',
  });
  const [output] = result.outputFiles;
  if (!output || result.outputFiles.length !== 1) throw new Error(`${functionName}: expected exactly one output file`);
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(outdir, scriptName), toCachedScript(output.text, functionName));
}

/** src/ui/render-chat.tsx as `outdir/chat-ui.script.js`. */
export function buildChatUiScript({ root, outdir, alias, plugins, define }) {
  return buildCachedScript({ entry: join(root, 'src', 'ui', 'render-chat.tsx'), scriptName: CHAT_UI_SCRIPT, functionName: 'favcrmChatUi', outdir, alias, plugins, define });
}

/** src/app/core.ts (session, headless mode, the embedded sandbox) as `outdir/core.script.js`. */
export function buildCoreScript({ root, outdir, alias, plugins, define }) {
  return buildCachedScript({ entry: join(root, 'src', 'app', 'core.ts'), scriptName: CORE_SCRIPT, functionName: 'favcrmCore', outdir, alias, plugins, define });
}
