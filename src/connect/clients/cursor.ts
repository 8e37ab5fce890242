import path from 'node:path';
import { bearerHeader, stringField, type ClientDefinition } from '../client-definition.js';
import { KEY_VARIABLE } from '../connect-types.js';

/** Cursor: `~/.cursor/mcp.json` (project: `.cursor/mcp.json`), `mcpServers` with `url` + `headers`; `${env:NAME}` is interpolated. */
export const cursor: ClientDefinition = {
  id: 'cursor',
  name: 'Cursor',
  aliases: [],
  custody: { kind: 'environment', variable: KEY_VARIABLE },
  format: {
    kind: 'json',
    comments: true,
    container: 'mcpServers',
    // Cursor tells Streamable HTTP from SSE itself: a remote server is just `url` (+ `headers`).
    entry: (url) => ({ url, headers: bearerHeader(`\${env:${KEY_VARIABLE}}`) }),
  },
  configFile: (scope, place) => path.join(scope === 'project' ? place.cwd : place.home, '.cursor', 'mcp.json'),
  executables: ['cursor', 'cursor-agent'],
  markers: (place) => [path.join(place.home, '.cursor')],
  urlOf: (entry) => stringField(entry, 'url'),
  caveats: () => [],
  reload: 'Restart Cursor (or reload the window) so it reads mcp.json again, then check Settings → MCP.',
  sources: ['https://cursor.com/docs/mcp', 'https://docs-oycs6ub6u.zuplosite.com/docs/mcp-gateway/connect-clients/cursor.md'],
};
