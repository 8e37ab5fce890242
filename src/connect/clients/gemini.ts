import path from 'node:path';
import { bearerHeader, stringField, type ClientDefinition } from '../client-definition.js';
import { KEY_VARIABLE } from '../connect-types.js';

/**
 * Gemini CLI: `~/.gemini/settings.json` (project: `.gemini/settings.json`), `mcpServers` with `httpUrl` (the
 * documented Streamable HTTP field) and `headers`; `$VAR` / `${VAR}` are expanded from the environment.
 */
export const gemini: ClientDefinition = {
  id: 'gemini',
  name: 'Gemini CLI',
  aliases: ['gemini-cli', 'google-gemini'],
  custody: { kind: 'environment', variable: KEY_VARIABLE },
  format: {
    kind: 'json',
    comments: true,
    container: 'mcpServers',
    entry: (url) => ({ httpUrl: url, headers: bearerHeader(`\${${KEY_VARIABLE}}`) }),
  },
  configFile: (scope, place) => path.join(scope === 'project' ? place.cwd : place.home, '.gemini', 'settings.json'),
  executables: ['gemini'],
  markers: (place) => [path.join(place.home, '.gemini')],
  urlOf: (entry) => stringField(entry, 'httpUrl') ?? stringField(entry, 'url'),
  caveats: () => ['Gemini CLI disables MCP servers in folders you have not trusted; trust the folder you start it in (it asks, or see ~/.gemini/trustedFolders.json).'],
  reload: 'Start Gemini CLI again; `gemini mcp list` should show favcrm as Connected.',
  sources: [
    'https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md',
    'https://geminicli.com/docs/cli/trusted-folders',
  ],
};
