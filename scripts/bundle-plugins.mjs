// The esbuild plugins of scripts/build.mjs: each trims what the shipped bundle parses or runs at start, for a reason
// measured in test/bench. Each one checks the code it changes and fails the build loudly when a dependency update
// moved it, rather than silently losing the gain or breaking the app.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GRAPHEME_PATCHES } from './grapheme-fast-paths.mjs';

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
      if (patched === source) throw new Error(`yoga-without-fetch: the fetch check is gone from ${path}; update scripts/bundle-plugins.mjs`);
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
        throw new Error(`zod-english-only: ${path} no longer exports "en" as before; update scripts/bundle-plugins.mjs`);
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
        throw new Error(`lazy-ajv-provider: ${path} changed shape; update scripts/bundle-plugins.mjs`);
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
        throw new Error(`no-ai-gateway: ai now imports {${[...imported].sort().join(', ')}} from @ai-sdk/gateway; update scripts/bundle-plugins.mjs`);
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

/**
 * terminal-size (Ink's fallback when stdout has no columns) imports node:child_process at the top for its `tput`
 * fallback, which costs ~5 ms of the chat's first frame to load; this loads it when a fallback command really runs.
 */
const terminalSizeLazyChildProcess = {
  name: 'terminal-size-lazy-child-process',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]terminal-size[\\/]index\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const eager = "import {execFileSync} from 'node:child_process';";
      if (!source.includes(eager)) throw new Error(`terminal-size-lazy-child-process: ${path} changed; update scripts/bundle-plugins.mjs`);
      const lazy = "import {createRequire} from 'node:module';\nconst execFileSync = (...args) => createRequire(import.meta.url)('node:child_process').execFileSync(...args);";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

/** ink-spinner imports all ~90 cli-spinners (31 kB); the chat only ever uses `dots`. */
const SPINNERS_USED = ['dots'];
const onlyUsedSpinners = {
  name: 'only-used-spinners',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]cli-spinners[\\/]index\.js$/ }, ({ path }) => {
      const all = JSON.parse(readFileSync(join(dirname(path), 'spinners.json'), 'utf8'));
      const used = Object.fromEntries(SPINNERS_USED.map((name) => [name, all[name]]));
      if (SPINNERS_USED.some((name) => !all[name]?.frames)) throw new Error(`only-used-spinners: cli-spinners lost one of ${SPINNERS_USED.join(', ')}`);
      return { contents: `module.exports = ${JSON.stringify(used)};`, loader: 'js' };
    });
  },
};

/**
 * jsonc-parser's `main` is a UMD build whose factory `require`s its own files by relative path at run time, which a
 * bundle cannot serve ("Cannot find module './impl/format'"); its `module` field points at a plain ESM build of the
 * same code. Node (tsx, tests) keeps loading the UMD build, which works unbundled.
 */
const jsoncParserEsm = {
  name: 'jsonc-parser-esm',
  setup(builder) {
    builder.onResolve({ filter: /^jsonc-parser$/ }, async ({ resolveDir }) => {
      const main = await builder.resolve('jsonc-parser/package.json', { resolveDir, kind: 'import-statement' });
      const manifest = JSON.parse(readFileSync(main.path, 'utf8'));
      if (typeof manifest.module !== 'string') throw new Error('jsonc-parser-esm: jsonc-parser has no "module" build any more; update scripts/bundle-plugins.mjs');
      return { path: join(dirname(main.path), manifest.module) };
    });
  },
};

export const BUNDLE_PLUGINS = [jsoncParserEsm, yogaWithoutFetch, zodEnglishOnly, lazyAjvProvider, noGateway, graphemeFastPaths, terminalSizeLazyChildProcess, onlyUsedSpinners];
