import path from 'node:path';
import { bearerHeader, stringField, windowsAppData, xdgConfigHome, type ClientDefinition } from '../client-definition.js';

/** The `inputs` id VS Code prompts for and keeps in its secret storage. */
export const VSCODE_INPUT_ID = 'favcrm-api-key';

/**
 * VS Code: the user profile's `mcp.json` (project: `.vscode/mcp.json`), `servers` with `{type: "http", url, headers}`;
 * `${input:id}` makes VS Code prompt once for the key (password field) and store it securely.
 */
export const vscode: ClientDefinition = {
  id: 'vscode',
  name: 'VS Code',
  aliases: ['code', 'vs-code', 'visual-studio-code'],
  custody: { kind: 'prompt', inputId: VSCODE_INPUT_ID },
  format: {
    kind: 'json',
    comments: true,
    container: 'servers',
    entry: (url) => ({ type: 'http', url, headers: bearerHeader(`\${input:${VSCODE_INPUT_ID}}`) }),
    input: { type: 'promptString', id: VSCODE_INPUT_ID, description: 'FavCRM API key', password: true },
  },
  configFile: (scope, place) => (scope === 'project' ? path.join(place.cwd, '.vscode', 'mcp.json') : path.join(vscodeUserDirectory(place), 'mcp.json')),
  executables: ['code'],
  markers: (place) => [vscodeUserDirectory(place)],
  urlOf: (entry) => stringField(entry, 'url'),
  caveats: () => [],
  reload: 'In VS Code run "MCP: List Servers", start favcrm, and paste your FavCRM API key when it asks (it is kept in VS Code\'s secret storage).',
  sources: ['https://code.visualstudio.com/docs/copilot/reference/mcp-configuration'],
};

/** The default profile's `User` folder: `Code/User` under the platform's application data directory. */
function vscodeUserDirectory(place: Parameters<ClientDefinition['markers']>[0]): string {
  if (place.platform === 'darwin') return path.join(place.home, 'Library', 'Application Support', 'Code', 'User');
  if (place.platform === 'win32') return path.join(windowsAppData(place), 'Code', 'User');
  return path.join(xdgConfigHome(place), 'Code', 'User');
}
