import type { ModelMessage } from 'ai';

type AssistantPart = Exclude<Extract<ModelMessage, { role: 'assistant' }>['content'], string>[number];
type ToolPart = Extract<ModelMessage, { role: 'tool' }>['content'][number];

/**
 * The history as every chat template accepts it, whatever failures left behind: no reasoning (never sent back),
 * no tool call without its result or result without its call (a step cut mid-way), and no two user messages in a
 * row (a turn that failed before the model answered; Mistral and Gemma templates on vLLM reject that). A resent
 * message identical to the failed one is kept once. Applied to every request; the saved history is untouched.
 */
export function validHistory(messages: readonly ModelMessage[]): ModelMessage[] {
  const calls = new Set<string>();
  const results = new Set<string>();
  for (const message of messages) {
    if (message.role === 'assistant' && Array.isArray(message.content)) for (const part of message.content) if (part.type === 'tool-call') calls.add(part.toolCallId);
    if (message.role === 'tool') for (const part of message.content) if (part.type === 'tool-result') results.add(part.toolCallId);
  }
  const kept: ModelMessage[] = [];
  for (const message of messages) {
    const cleaned = clean(message, calls, results);
    if (!cleaned) continue;
    const previous = kept.at(-1);
    if (cleaned.role === 'user' && previous?.role === 'user') {
      kept[kept.length - 1] = mergeUser(previous, cleaned);
      continue;
    }
    kept.push(cleaned);
  }
  return kept;
}

function clean(message: ModelMessage, calls: ReadonlySet<string>, results: ReadonlySet<string>): ModelMessage | null {
  if (message.role === 'assistant') {
    if (typeof message.content === 'string') return message.content.trim() ? message : null;
    const content = message.content.filter((part: AssistantPart) => part.type !== 'reasoning' && (part.type !== 'tool-call' || results.has(part.toolCallId)) && (part.type !== 'text' || part.text.trim() !== ''));
    return content.length > 0 ? { ...message, content } : null;
  }
  if (message.role === 'tool') {
    const content = message.content.filter((part: ToolPart) => part.type !== 'tool-result' || calls.has(part.toolCallId));
    return content.length > 0 ? { ...message, content } : null;
  }
  return message;
}

function mergeUser(first: Extract<ModelMessage, { role: 'user' }>, second: Extract<ModelMessage, { role: 'user' }>): ModelMessage {
  if (typeof first.content === 'string' && typeof second.content === 'string') {
    return { role: 'user', content: first.content.trim() === second.content.trim() ? second.content : `${first.content}\n\n${second.content}` };
  }
  const parts = (content: typeof first.content) => (typeof content === 'string' ? [{ type: 'text' as const, text: content }] : content);
  return { role: 'user', content: [...parts(first.content), ...parts(second.content)] };
}
