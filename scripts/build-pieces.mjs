// What the build changes in third-party code, in one table (docs/build.md says what each buys, measured with
// `npm run bench -- --only pieces`). Three kinds, preferred in this order:
// - alias: a whole package replaced by a file of ours (esbuild `alias`);
// - replace-file: a whole file inside a package replaced by a file of ours, after checking the original still has
//   the shape ours stands in for;
// - patch: anchored edits of a file, each anchor found exactly once, for package versions we checked; otherwise the
//   build fails loudly rather than silently losing the gain or breaking the app.
// Every piece kept for speed can be left out with `node scripts/build.mjs --without <name>`, which is how each one is
// measured; a piece marked `required` keeps the bundle working and cannot be.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GRAPHEME_PATCHES, replaceOnce } from './grapheme-fast-paths.mjs';

const STUBS = join(dirname(fileURLToPath(import.meta.url)), 'stubs');

/** jsonc-parser's ESM build, next to its package.json (its `module` field). */
function jsoncParserEsm() {
  const manifestPath = createRequire(import.meta.url).resolve('jsonc-parser/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (typeof manifest.module !== 'string') throw new Error('jsonc-parser-esm: jsonc-parser has no "module" build any more; update scripts/build-pieces.mjs');
  return join(dirname(manifestPath), manifest.module);
}

export const BUILD_PIECES = [
  {
    name: 'jsonc-parser-esm',
    required: true,
    why: "correctness, not speed: jsonc-parser's `main` is a UMD build that `require`s its own files at run time, which a bundle cannot serve; its ESM build is the same code",
    alias: { 'jsonc-parser': jsoncParserEsm() },
  },
  {
    name: 'no-ai-gateway',
    why: '`ai` imports the Vercel AI Gateway (~230 kB with its own provider-utils); we always pass a model object',
    alias: { '@ai-sdk/gateway': join(STUBS, 'ai-gateway.mjs') },
  },
  {
    name: 'zod-english-only',
    why: "zod's locales namespace parses ~50 languages (~330 kB) on every start; the app speaks English",
    replaceFile: {
      file: /zod[\\/]v4[\\/]locales[\\/]index\.js$/,
      with: join(STUBS, 'zod-locales.mjs'),
      check: (source) => source.includes('export { default as en } from "./en.js";'),
    },
  },
  {
    name: 'lazy-ajv-provider',
    why: "the MCP SDK builds an ajv validator (~270 kB) up front that only runs for a tool's outputSchema",
    replaceFile: {
      file: /@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]validation[\\/]ajv-provider\.js$/,
      with: join(STUBS, 'mcp-ajv-provider.mjs'),
      check: (source) => /export class AjvJsonSchemaValidator\b[\s\S]*getValidator\(schema\)/.test(source),
    },
  },
  {
    name: 'yoga-without-fetch',
    why: "yoga's wasm loader reads `typeof fetch`, which loads undici's HTTP stack, to decode a base64 data URL",
    patches: [
      {
        file: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
        versions: ['3.2'],
        // getBinaryPromise: with `fetch` present it fetches the inlined data URL; Emscripten's own synchronous
        // base64 path does the same job.
        patch: (source) => replaceOnce(source, '||"function"!=typeof fetch?Promise.resolve()', '||true?Promise.resolve()', 'the fetch check'),
      },
    ],
  },
  {
    name: 'grapheme-fast-paths',
    why: "Ink's text measuring made four Intl.Segmenters and an emoji regex on the first frame (scripts/grapheme-fast-paths.mjs)",
    patches: GRAPHEME_PATCHES,
  },
];

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
  throw new Error(`no package.json above ${file}`);
}

/** One esbuild plugin for every replace-file and patch piece of `pieces`. */
function piecesPlugin(pieces) {
  return {
    name: 'favcrm-build-pieces',
    setup(builder) {
      for (const piece of pieces) {
        if (piece.replaceFile) {
          const { file, with: replacement, check } = piece.replaceFile;
          builder.onLoad({ filter: file }, ({ path }) => {
            if (!check(readFileSync(path, 'utf8'))) throw new Error(`${piece.name}: ${path} changed shape; update scripts/build-pieces.mjs`);
            // Resolved from the original's folder, so a relative import in the stand-in means the package's file.
            return { contents: readFileSync(replacement, 'utf8'), loader: 'js', resolveDir: dirname(path) };
          });
        }
        for (const { file, versions, patch } of piece.patches ?? []) {
          builder.onLoad({ filter: file }, ({ path }) => {
            const { name, version } = owningPackage(path);
            if (!versions.some((prefix) => version === prefix || version.startsWith(`${prefix}.`))) {
              throw new Error(`${piece.name}: ${name} ${version} is not a version we checked (${versions.join(', ')}); update scripts/build-pieces.mjs`);
            }
            return { contents: patch(readFileSync(path, 'utf8'), version), loader: 'js' };
          });
        }
      }
    },
  };
}

/** esbuild's `alias` and `plugins` for the build, leaving out the pieces named in `without`. */
export function buildPieceOptions(without = new Set(), { allowRequired = false } = {}) {
  for (const name of without) {
    // Tests leave a required piece out to show what breaks without it; the build never does.
    if (!allowRequired && BUILD_PIECES.some((piece) => piece.name === name && piece.required)) throw new Error(`--without ${name}: the bundle does not work without it`);
    if (name !== 'code-cache-scripts' && !BUILD_PIECES.some((piece) => piece.name === name)) {
      throw new Error(`--without ${name}: not a piece of the build (${[...BUILD_PIECES.map((piece) => piece.name), 'code-cache-scripts'].join(', ')})`);
    }
  }
  const pieces = BUILD_PIECES.filter((piece) => !without.has(piece.name));
  return { alias: Object.assign({}, ...pieces.map((piece) => piece.alias ?? {})), plugins: [piecesPlugin(pieces)] };
}
