import type { McpToolInfo } from './favcrm-connection.js';

/** The four tools that work without a key (contract §6.1): all the model needs before signup. */
export const BOOTSTRAP_TOOL_NAMES = [
  'register_organisation_request',
  'register_organisation_verify',
  'accept_team_invite_request',
  'accept_team_invite_verify',
] as const;

/**
 * After auth the model starts with this small core set and loads more on demand (query_favcrm_platform
 * results, or the local `load_favcrm_tools`), instead of 100+ schemas on every step.
 */
export const CORE_TOOL_NAMES_AFTER_AUTH = [
  'query_favcrm_platform',
  'list_my_companies',
  'get_plan_status',
  'check_plan_operation',
  'list_services',
  'create_service',
  'search_members',
  'create_account',
  'list_bookings',
  'get_dashboard_stats',
  'get_whatsapp_connection_status',
] as const;

/** The local meta-tool that loads FavCRM tools by exact name (lean context: not every schema on every step). */
export const LOAD_TOOLS_NAME = 'load_favcrm_tools';

/** At most this many tools are loaded on demand, so context stays bounded in long sessions. */
export const MAX_LOADED_TOOLS = 24;

/** Adds tools a search named to the loaded set; past MAX_LOADED_TOOLS the ones loaded longest ago go first. */
export function rememberLoadedTools(loaded: Set<string>, names: readonly string[]): void {
  for (const name of names) {
    // Re-added at the end: a tool named again is the most recent one.
    loaded.delete(name);
    loaded.add(name);
  }
  while (loaded.size > MAX_LOADED_TOOLS) {
    const oldest = loaded.values().next().value;
    if (oldest === undefined) break;
    loaded.delete(oldest);
  }
}

/** Names of the MCP tools the model sees on the next step. */
export function exposedToolNames(catalogue: readonly McpToolInfo[], authenticated: boolean, loaded: ReadonlySet<string>): string[] {
  const known = new Set(catalogue.map((tool) => tool.name));
  const base: readonly string[] = authenticated ? CORE_TOOL_NAMES_AFTER_AUTH : BOOTSTRAP_TOOL_NAMES;
  const names = base.filter((name) => known.has(name));
  if (authenticated) for (const name of loaded) if (known.has(name) && !names.includes(name)) names.push(name);
  return names;
}

/** First line of a description: what the official CLI shows, and what we show in /tools. */
export function toolSummary(tool: McpToolInfo): string {
  return (tool.description.split('\n')[0] ?? '').trim();
}
