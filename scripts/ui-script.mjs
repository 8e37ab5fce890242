// The chat UI as a classic script V8 can compile from a code cache (src/ui/load-chat-ui.ts loads it).
// Node 20 has no compile cache for ES modules (`module.enableCompileCache` is Node 22), and compiling the UI
// chunk (React, its reconciler, Ink, yoga) was ~30 ms of the first frame. A script compiled by `vm.Script` takes
// `cachedData`, so from the second start on V8 skips parsing and compiling what the first frame runs.
//
// The script is one esbuild bundle of src/ui/render-chat.tsx with no import or export left in it:
// - Node built-ins become CommonJS modules that call the `require` the loader passes in;
// - `import.meta.url` is the loader's `__importMetaUrl`;
// - the bundle's one `export { runChatUi }` becomes a `return`, and the whole is wrapped in an async function (Ink
//   and yoga use top-level await, which an async function body allows and a CommonJS bundle does not).
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

export const CHAT_UI_SCRIPT = 'chat-ui.script.js';

const BUILTINS = new Set(builtinModules);

/** `node:fs`, `fs`, `fs/promises`: served by the loader's `require` instead of an `import` statement. */
const nodeBuiltinsViaRequire = {
  name: 'node-builtins-via-require',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (!BUILTINS.has(name)) return undefined;
      return { path: name, namespace: 'node-builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => ({
      contents: `module.exports = __favcrmRequire(${JSON.stringify(`node:${args.path}`)});`,
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

const EXPORT_STATEMENT = /export\s*\{\s*runChatUi\s*\};?\s*$/;

/** The bundle's text as the loader's async function; fails loudly if esbuild ever emits another module form. */
export function toChatUiScript(bundle) {
  if (!EXPORT_STATEMENT.test(bundle)) throw new Error('chat UI script: expected the bundle to end with `export { runChatUi }`');
  const body = bundle.replace(EXPORT_STATEMENT, 'return { runChatUi };\n');
  const leftover = /(?:^|[;}\n])\s*(?:import\s*(?:[{*"']|[\w$]+\s*(?:,|from\b))|export\s*[{*]|export\s+(?:default|const|let|var|function|class)\b)/.exec(body);
  if (leftover) throw new Error(`chat UI script: an import or export statement is left in the bundle: "${body.slice(leftover.index, leftover.index + 80)}"`);
  if (/\bimport\.meta\b/.test(body)) throw new Error('chat UI script: import.meta is left in the bundle');
  // `require` too: esbuild's shim for a computed require() in bundled CommonJS looks for one in scope.
  return `(async function favcrmChatUi(require, __importMetaUrl) {\nconst __favcrmRequire = require;\n${body}})`;
}

/** Bundles src/ui/render-chat.tsx into `outdir/chat-ui.script.js` with the main build's settings and plugins. */
export async function buildChatUiScript({ root, outdir, plugins, define }) {
  const result = await build({
    entryPoints: [join(root, 'src', 'ui', 'render-chat.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    define: { ...define, 'import.meta.url': '__importMetaUrl' },
    plugins: [nodeBuiltinsViaRequire, devtoolsStub, ...plugins],
    minifyWhitespace: true,
    minifySyntax: true,
    // Licences stay in the ESM chunks; a comment after the export would hide it from the rewrite.
    legalComments: 'none',
    logLevel: 'warning',
  });
  const [output] = result.outputFiles;
  if (!output || result.outputFiles.length !== 1) throw new Error('chat UI script: expected exactly one output file');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(outdir, CHAT_UI_SCRIPT), toChatUiScript(output.text));
}
