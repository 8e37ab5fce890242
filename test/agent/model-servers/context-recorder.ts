import type { RecordedRequest } from './replay-server.js';

export interface RequestMeasure {
  index: number;
  /** The request body as sent, in bytes, and ≈ tokens of its prompt (messages + tools JSON, characters / 4). */
  bytes: number;
  tokens: number;
  toolCount: number;
  /** Share of the previous request's body that this one repeats from its start (what a prompt/KV cache reuses). */
  prefixShare: number | null;
}

/** Characters two strings share from their start. */
export function commonPrefix(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  let index = 0;
  while (index < length && left.charCodeAt(index) === right.charCodeAt(index)) index += 1;
  return index;
}

/**
 * Sizes and prefix shares of every request a replay server received. The prompt is rendered the way chat templates
 * lay it out (system, tools, then the conversation), so the share is what a server's cache could reuse.
 */
export function measureRequests(requests: readonly RecordedRequest[]): RequestMeasure[] {
  let previous: string | null = null;
  return requests.map((request, index) => {
    const { messages, tools } = request.body;
    const system = messages.filter((message) => message.role === 'system');
    const rest = messages.filter((message) => message.role !== 'system');
    const rendered = JSON.stringify(system) + JSON.stringify(tools ?? []) + JSON.stringify(rest);
    const share = previous === null ? null : commonPrefix(previous, rendered) / previous.length;
    previous = rendered;
    return { index, bytes: request.bytes, tokens: Math.ceil((JSON.stringify(messages).length + JSON.stringify(tools ?? []).length) / 4), toolCount: tools?.length ?? 0, prefixShare: share };
  });
}
