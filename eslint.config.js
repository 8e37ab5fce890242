// Lint gate for npm test: recommended JS + TypeScript rules, no style bikeshedding, and the layers below.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers (docs/architecture.md). A folder may import its own layer and the ones below, never one above: the core
 * runs without a terminal UI, the sandbox is an application of its own, key custody owns its types.
 *   errors, text                  shared by all, import nothing of ours
 *   config, mcp, secrets          paths and settings, the FavCRM client, key custody (resolveSettings in config
 *                                 composes the other two)
 *   sandbox                       the local FavCRM server: none of the client side
 *   connect, agent                writing other agents' MCP configs; the session and its turn loop
 *   slash-commands                what /help, /doctor, … do, for the chat and headless
 *   app, ui                       wiring + headless mode; the Ink chat (neither imports the other)
 *   commands, cli.ts              the command table: may import anything
 */
const UI_PACKAGES = ['ink', 'ink-*', 'react', 'react/*', 'react-*', '@inkjs/*'];
const ABOVE_CORE = ['slash-commands', 'app', 'ui', 'commands'];
const LAYERS = {
  errors: { folders: ['config', 'text', 'mcp', 'secrets', 'sandbox', 'connect', 'agent', ...ABOVE_CORE], ui: true },
  text: { folders: ['config', 'errors', 'mcp', 'secrets', 'sandbox', 'connect', 'agent', ...ABOVE_CORE], ui: true },
  config: { folders: ['sandbox', 'connect', 'agent', ...ABOVE_CORE], ui: true },
  mcp: { folders: ['secrets', 'sandbox', 'connect', 'agent', ...ABOVE_CORE], ui: true },
  secrets: { folders: ['sandbox', 'connect', 'agent', ...ABOVE_CORE], ui: true },
  sandbox: { folders: ['mcp', 'secrets', 'connect', 'agent', ...ABOVE_CORE], ui: true },
  connect: { folders: ['sandbox', 'agent', ...ABOVE_CORE], ui: true },
  agent: { folders: ['sandbox', ...ABOVE_CORE], ui: true },
  'slash-commands': { folders: ['sandbox', 'app', 'ui', 'commands'], ui: true },
  app: { folders: ['ui', 'commands'], ui: true },
  ui: { folders: ['app', 'commands', 'sandbox'], ui: false },
};

/** A relative import that climbs one or more folders up and then into one of `folders` of src/ (ui, app, …). */
function folderPattern(folders) {
  return `^(\\.\\./)+(${folders.join('|')})/`;
}

function layerRules(layer, { folders, ui }) {
  const message = `src/${layer} may not import from this layer (see the layers in eslint.config.js and docs/architecture.md).`;
  return {
    files: [`src/${layer}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: folderPattern(folders), message }, ...(ui ? [{ group: UI_PACKAGES, message: `src/${layer} runs without a terminal UI: no Ink or React.` }] : [])] }],
      // A lazy `import('../ui/…')` crosses the layer as much as a static one.
      'no-restricted-syntax': ['error', { selector: `ImportExpression[source.value=/${folderPattern(folders).replace(/\//g, '\\/')}/]`, message }],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist.*/**', 'coverage/**', 'test/bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
    },
  },
  ...Object.entries(LAYERS).map(([layer, rule]) => layerRules(layer, rule)),
);
