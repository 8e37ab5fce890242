import path from 'node:path';
import { stringField, type ClientDefinition } from '../client-definition.js';
import { KEY_VARIABLE } from '../connect-types.js';

/**
 * Codex CLI: `$CODEX_HOME/config.toml` (default `~/.codex`; project: `.codex/config.toml`), one
 * `[mcp_servers.<name>]` table with `url` and `bearer_token_env_var`: Codex sends `Authorization: Bearer <value>`.
 */
export const codex: ClientDefinition = {
  id: 'codex',
  name: 'Codex CLI',
  aliases: ['codex-cli', 'openai-codex'],
  custody: { kind: 'environment', variable: KEY_VARIABLE },
  format: { kind: 'toml', table: (url) => ({ url, bearer_token_env_var: KEY_VARIABLE }) },
  configFile: (scope, place) => path.join(scope === 'project' ? path.join(place.cwd, '.codex') : codexHome(place), 'config.toml'),
  executables: ['codex'],
  markers: (place) => [codexHome(place)],
  urlOf: (entry) => stringField(entry, 'url'),
  caveats: (scope) => (scope === 'project' ? ['Codex reads a project\'s .codex/config.toml only when you trust the project.'] : []),
  reload: 'Start a new Codex session; `codex mcp list` shows favcrm with its bearer token variable.',
  sources: ['https://developers.openai.com/codex/mcp/', 'https://github.com/openai/codex/pull/4317'],
};

function codexHome(place: Parameters<ClientDefinition['markers']>[0]): string {
  const configured = place.env.CODEX_HOME;
  return configured && path.isAbsolute(configured) ? configured : path.join(place.home, '.codex');
}
