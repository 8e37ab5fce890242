// Lint gate for npm test: recommended JS + TypeScript rules, no style bikeshedding, and the layers below.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers (docs/architecture.md), lowest first. A folder may import its own layer and the ones below, never one
 * above: the core runs without a terminal UI, the sandbox is an application of its own, key custody owns its types.
 *   errors, config, text          shared by all, import nothing of ours
 *   mcp, secrets, sandbox         the FavCRM client, key custody, the local server
 *   agent                         the session and its turn loop
 *   slash-commands                what /help, /doctor, … do, for the chat and headless
 *   app, ui                       wiring + headless mode; the Ink chat (neither imports the other)
 *   commands, cli.ts              the command table: may import anything
 */
const UI_PACKAGES = ['ink', 'ink-*', 'react', 'react/*', 'react-*', '@inkjs/*'];
const LAYERS = {
  errors: { folders: ['config', 'text', 'mcp', 'secrets', 'sandbox', 'agent', 'slash-commands', 'app', 'ui', 'commands'], ui: true },
  config: { folders: ['text', 'mcp', 'secrets', 'sandbox', 'agent', 'slash-commands', 'app', 'ui', 'commands'], ui: true },
  text: { folders: ['config', 'mcp', 'secrets', 'sandbox', 'agent', 'slash-commands', 'app', 'ui', 'commands'], ui: true },
  mcp: { folders: ['secrets', 'sandbox', 'agent', 'slash-commands', 'app', 'ui', 'commands'], ui: true },
  secrets: { folders: ['sandbox', 'agent', 'slash-commands', 'app', 'ui', 'commands'], ui: true },
  sandbox: { folders: ['mcp', 'secrets', 'agent', 'slash-commands', 'app', 'ui', 'commands'], ui: true },
  agent: { folders: ['sandbox', 'slash-commands', 'app', 'ui', 'commands'], ui: true },
  'slash-commands': { folders: ['sandbox', 'app', 'ui', 'commands'], ui: true },
  app: { folders: ['ui', 'commands'], ui: true },
  ui: { folders: ['app', 'commands', 'sandbox'], ui: false },
};

/** `../ui/x.js`, `../../app/x.js`: a relative import that reaches into one of `folders` of src/. */
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
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'test/bench/results.json'] },
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
