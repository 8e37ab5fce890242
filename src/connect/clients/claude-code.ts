import path from 'node:path';
import { bearerHeader, stringField, type ClientDefinition } from '../client-definition.js';
import { KEY_VARIABLE } from '../connect-types.js';

/**
 * Claude Code: user scope is the top-level `mcpServers` of `~/.claude.json` (in `$CLAUDE_CONFIG_DIR` when set),
 * project scope is `.mcp.json` at the project root. `${VAR}` is expanded in `url` and `headers`.
 */
export const claudeCode: ClientDefinition = {
  id: 'claude-code',
  name: 'Claude Code',
  aliases: ['claude', 'claudecode', 'claude_code'],
  custody: { kind: 'environment', variable: KEY_VARIABLE },
  format: {
    kind: 'json',
    // Claude Code reads and rewrites ~/.claude.json as plain JSON.
    comments: false,
    container: 'mcpServers',
    // The shape `claude mcp add --transport http -s user favcrm URL --header ...` writes.
    entry: (url) => ({ type: 'http', url, headers: bearerHeader(`\${${KEY_VARIABLE}}`) }),
  },
  configFile: (scope, place) =>
    scope === 'project' ? path.join(place.cwd, '.mcp.json') : path.join(place.env.CLAUDE_CONFIG_DIR || place.home, '.claude.json'),
  executables: ['claude'],
  markers: (place) => [path.join(place.env.CLAUDE_CONFIG_DIR || place.home, '.claude.json'), path.join(place.home, '.claude')],
  urlOf: (entry) => stringField(entry, 'url'),
  caveats: (scope) =>
    scope === 'project'
      ? [
          'Claude Code asks each person to approve the servers in a project\'s .mcp.json before it uses them.',
          'Some older Claude Code releases did not expand ${FAVCRM_API_KEY} in a project .mcp.json\'s headers (anthropics/claude-code#6204); if it fails to connect, update Claude Code or use the user scope.',
        ]
      : [],
  shadowedBy: (root, scope) => {
    if (scope !== 'user') return [];
    // `claude mcp add` defaults to local scope: an entry under projects[folder], which wins over user scope there.
    const projects = root.projects;
    if (typeof projects !== 'object' || projects === null) return [];
    const folders = Object.entries(projects as Record<string, unknown>)
      .filter(([, project]) => {
        const servers = (project as { mcpServers?: unknown } | null)?.mcpServers;
        return typeof servers === 'object' && servers !== null && Object.hasOwn(servers, 'favcrm');
      })
      .map(([folder]) => folder);
    if (folders.length === 0) return [];
    const named = folders.slice(0, 3).join(', ') + (folders.length > 3 ? ` and ${folders.length - 3} more` : '');
    return [`Claude Code also has a local-scope favcrm server for ${named}, which it uses there instead of this one; \`claude mcp remove favcrm -s local\` in that folder removes it.`];
  },
  reload: 'Restart Claude Code; `claude mcp list` should show favcrm as Connected.',
  sources: [
    'https://code.claude.com/docs/en/mcp',
    'https://github.com/anthropics/claude-code/issues/4193',
  ],
};
