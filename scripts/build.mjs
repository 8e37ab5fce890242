// `npm run build` (and so `npm ci`, via `prepare`): bundles src/cli.ts and its dependencies into dist/ with esbuild.
// One bundle starts much faster than tsc's output, which makes Node resolve and load hundreds of files
// (test/bench/results.json). Type checking is separate: `npm run typecheck`.
// `node scripts/build.mjs --outdir <dir>` builds elsewhere (the startup bench uses that).
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// esbuild comes with tsx, a runtime dependency.
import { build } from 'esbuild';
import { GRAPHEME_PATCHES } from './grapheme-fast-paths.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string', default: join(root, 'dist') } } });
const outdir = resolve(values.outdir);

/**
 * yoga-layout (Ink's layout engine) fetches its inlined wasm as a `data:` URL when `fetch` exists, which loads
 * undici's whole HTTP stack just to decode base64 (~30 ms of the chat's first frame). Emscripten's own synchronous
 * base64 path does the same job without it.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(builder) {
    builder.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const patched = source.replace('"function"!=typeof fetch', 'true');
      // A yoga-layout update that changes this line should fail the build loudly, not silently lose the speed-up.
      if (patched === source) throw new Error(`yoga-without-fetch: the fetch check is gone from ${path}; update scripts/build.mjs`);
      return { contents: patched, loader: 'js' };
    });
  },
};

/**
 * zod's namespace re-exports every error-message locale (`z.locales.*`, ~50 languages, ~330 kB of source) and a
 * namespace object cannot be tree-shaken, so each of them was parsed on every start. The app only ever uses English,
 * which zod imports on its own (classic/schemas.js); the namespace keeps `en` so `z.locales.en()` still works.
 * Measured: the core chunk imported ~60 ms faster.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(builder) {
    builder.onLoad({ filter: /zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, ({ path }) => {
      if (!readFileSync(path, 'utf8').includes('export { default as en } from "./en.js";')) {
        throw new Error(`zod-english-only: ${path} no longer exports "en" as before; update scripts/build.mjs`);
      }
      return { contents: 'export { default as en } from "./en.js";\n', loader: 'js', resolveDir: dirname(path) };
    });
  },
};

/**
 * The MCP SDK's client and server construct an ajv JSON-schema validator up front, although it only runs when a tool
 * declares an `outputSchema` (client) or a server elicits input (server). ajv and its formats are ~270 kB that every
 * start parsed. This swaps in a provider with the same interface that requires the SDK's own (CommonJS) ajv provider,
 * unbundled from node_modules, the first time a schema is actually compiled.
 */
const lazyAjvProvider = {
  name: 'lazy-ajv-provider',
  setup(builder) {
    builder.onLoad({ filter: /@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]validation[\\/]ajv-provider\.js$/ }, ({ path }) => {
      if (!/export class AjvJsonSchemaValidator\b[\s\S]*getValidator\(schema\)/.test(readFileSync(path, 'utf8'))) {
        throw new Error(`lazy-ajv-provider: ${path} changed shape; update scripts/build.mjs`);
      }
      const contents = `import { createRequire } from 'node:module';
export class AjvJsonSchemaValidator {
  #ajv; #real;
  constructor(ajv) { this.#ajv = ajv; }
  getValidator(schema) {
    this.#real ??= new (createRequire(import.meta.url)('@modelcontextprotocol/sdk/validation/ajv').AjvJsonSchemaValidator)(this.#ajv);
    return this.#real.getValidator(schema);
  }
}
`;
      return { contents, loader: 'js' };
    });
  },
};

/**
 * `ai` imports the Vercel AI Gateway (and the gateway's own copy of provider-utils, ~230 kB together) to serve model-id
 * strings like `streamText({ model: 'openai/gpt-4o' })` and to recognise gateway errors. favcrm-chat always passes a
 * model object (src/agent/model-selection.ts), so the gateway never runs; this stand-in keeps the four names `ai`
 * imports: no error is ever a gateway error, and using the gateway says why it is absent instead of failing obscurely.
 */
const GATEWAY_IMPORTS_OF_AI = ['GatewayAuthenticationError', 'GatewayError', 'createGateway', 'gateway'];
const noGateway = {
  name: 'no-ai-gateway',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]ai[\\/]dist[\\/]index\.mjs$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const imported = new Set();
      for (const [, names] of source.matchAll(/import \{([^}]*)\} from "@ai-sdk\/gateway"/g)) {
        for (const name of names.split(',')) imported.add(name.trim().split(/\s+as\s+/)[0]);
      }
      if ([...imported].sort().join() !== GATEWAY_IMPORTS_OF_AI.join()) {
        throw new Error(`no-ai-gateway: ai now imports {${[...imported].sort().join(', ')}} from @ai-sdk/gateway; update scripts/build.mjs`);
      }
      return undefined;
    });
    builder.onResolve({ filter: /^@ai-sdk\/gateway$/ }, () => ({ path: 'no-ai-gateway', namespace: 'no-ai-gateway' }));
    builder.onLoad({ filter: /.*/, namespace: 'no-ai-gateway' }, () => ({
      loader: 'js',
      contents: `const absent = () => { throw new Error('favcrm-chat does not include the Vercel AI Gateway: pass a model object (see --model).'); };
export const gateway = new Proxy(absent, { get: (target, property) => (property in target ? target[property] : absent) });
export const createGateway = () => gateway;
const neverGatewayError = { isInstance: () => false };
export const GatewayError = neverGatewayError;
export const GatewayAuthenticationError = neverGatewayError;
`,
    }));
  },
};

/** Ink's text measuring without its ~60 ms first-frame cost: see scripts/grapheme-fast-paths.mjs. */
const graphemeFastPaths = {
  name: 'grapheme-fast-paths',
  setup(builder) {
    for (const { file, versions, patch } of GRAPHEME_PATCHES) {
      builder.onLoad({ filter: file }, ({ path }) => {
        const { name, version } = owningPackage(path);
        if (!versions.some((prefix) => version === prefix || version.startsWith(`${prefix}.`))) {
          throw new Error(`grapheme-fast-paths: ${name} ${version} is not a version we checked (${versions.join(', ')}); update scripts/grapheme-fast-paths.mjs`);
        }
        return { contents: patch(readFileSync(path, 'utf8'), version), loader: 'js' };
      });
    }
  },
};

/** The package.json nearest above `file` that names a package. */
function owningPackage(file) {
  for (let directory = dirname(file); directory !== dirname(directory); directory = dirname(directory)) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
      if (manifest.name) return manifest;
    } catch {
      // No package.json here (or a partial one); keep walking up.
    }
  }
  throw new Error(`grapheme-fast-paths: no package.json above ${file}`);
}

// A rebuild must not leave chunks (or the old tsc tree) of an earlier build behind.
rmSync(outdir, { recursive: true, force: true });
await build({
  // dist/cli.js: bin/favcrm-chat.js runs it when it is at least as new as everything in src/.
  entryPoints: { cli: join(root, 'src', 'cli.ts') },
  outdir,
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
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [yogaWithoutFetch, zodEnglishOnly, lazyAjvProvider, noGateway, graphemeFastPaths],
  // Less to read and parse at every start (~20 ms of the core). Identifiers stay: error class names are shown to
  // people and stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  external: [
    // Native addons load their .node binary from their own package at runtime (keyring picks a platform package).
    'better-sqlite3',
    '@napi-rs/keyring',
    '@napi-rs/keyring-*',
    'node-pty',
    // Not installed: Ink imports it only when DEV=true and, as unbundled, warns and carries on when it is missing.
    // (A stub would be found, and Ink would then crash calling into it.)
    'react-devtools-core',
  ],
  // Bundled CommonJS calls require(); an ESM file has none, so give it one.
  banner: { js: "import { createRequire as __favcrmCreateRequire } from 'node:module'; const require = __favcrmCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
