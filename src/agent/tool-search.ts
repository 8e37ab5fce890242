import type { McpToolInfo } from '../mcp/favcrm-connection.js';

/** How well a tool matched: by its name, its title, or only somewhere in its description; or not at all. */
const enum Match {
  Name = 0,
  Title = 1,
  Description = 2,
  None = 3,
}

/**
 * The tools a person's search words point at (`/tools plan status`): every word must appear in the name
 * (underscores read as spaces), the title or the description, in any order and case, so "plan status", "signup"
 * (a title word) and "get_plan" all find what is meant. Name matches come first, then title matches.
 */
export function searchTools(catalogue: readonly McpToolInfo[], filter: string | undefined): McpToolInfo[] {
  const words = (filter ?? '').toLowerCase().split(/[\s_]+/).filter(Boolean);
  if (words.length === 0) return [...catalogue];
  const hasAll = (text: string): boolean => words.every((word) => text.toLowerCase().includes(word));
  const match = (tool: McpToolInfo): Match => {
    const name = tool.name.replace(/_/g, ' ');
    if (hasAll(name)) return Match.Name;
    if (hasAll(tool.title ?? '')) return Match.Title;
    return hasAll(`${name} ${tool.title ?? ''} ${tool.description}`) ? Match.Description : Match.None;
  };
  return catalogue
    .map((tool) => ({ tool, match: match(tool) }))
    .filter(({ match: found }) => found !== Match.None)
    .sort((left, right) => left.match - right.match)
    .map(({ tool }) => tool);
}

/**
 * Tool names in a `query_favcrm_platform` answer (`{items|results|tools|matches: [{name}]}` or a list), all of them:
 * loading fewer than the search named (it used to stop at 5 of 8) leaves the model calling tools it cannot call.
 */
export function toolNamesInSearchAnswer(data: unknown): string[] {
  const list = Array.isArray(data)
    ? data
    : data && typeof data === 'object'
      ? (['items', 'results', 'tools', 'matches'].map((key) => (data as Record<string, unknown>)[key]).find(Array.isArray) ?? [])
      : [];
  const names = (list as unknown[])
    .map((entry) => (entry && typeof entry === 'object' ? ((entry as { name?: unknown; tool?: unknown }).name ?? (entry as { tool?: unknown }).tool) : entry))
    .filter((name): name is string => typeof name === 'string');
  return [...new Set(names)];
}
