import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { readConversation } from './conversation-view.js';
import { decideNextAction } from './offline-policy.js';
import type { OfflineAction } from './offline-action.js';

/**
 * A deterministic model behind the AI SDK's own language-model interface, so `streamText` drives it exactly
 * like a hosted model: no key, no network. It reads the prompt it is given (system state, messages, tool
 * results, offered tools) and answers with text or one tool call per step.
 */
export class OfflineLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = 'favcrm-chat';
  readonly modelId = 'offline';
  readonly supportedUrls = {};
  private callCounter = 0;
  /** How this person starts the app, so suggested commands are ones they can run (`npm start -- doctor`). */
  private readonly command: string;
  /** The clock "tomorrow" and "next Monday" count from (tests pin it, as they pin the session's and the sandbox's). */
  private readonly clock: () => Date;

  constructor(options: { command?: string; clock?: () => Date } = {}) {
    this.command = options.command ?? 'favcrm-chat';
    this.clock = options.clock ?? (() => new Date());
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const action = decideNextAction(readConversation(options, this.command, this.clock().getTime()));
    const content: LanguageModelV3Content[] = [];
    if (action.text) content.push({ type: 'text', text: action.text });
    const toolCall = this.toolCallOf(action);
    if (toolCall) content.push(toolCall);
    return {
      content,
      finishReason: { unified: toolCall ? 'tool-calls' : 'stop', raw: undefined },
      usage: estimateUsage(options, action),
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const action = decideNextAction(readConversation(options, this.command, this.clock().getTime()));
    const parts: LanguageModelV3StreamPart[] = [{ type: 'stream-start', warnings: [] }];
    if (action.text) {
      const id = `text_${this.callCounter}`;
      parts.push({ type: 'text-start', id });
      // Word-sized deltas so the UI streams the way it does with a hosted model.
      for (const piece of action.text.match(/\S+\s*|\s+/g) ?? []) parts.push({ type: 'text-delta', id, delta: piece });
      parts.push({ type: 'text-end', id });
    }
    const toolCall = this.toolCallOf(action);
    if (toolCall) parts.push(toolCall);
    parts.push({ type: 'finish', finishReason: { unified: toolCall ? 'tool-calls' : 'stop', raw: undefined }, usage: estimateUsage(options, action) });
    return {
      stream: new ReadableStream({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
    };
  }

  private toolCallOf(action: OfflineAction): Extract<LanguageModelV3Content, { type: 'tool-call' }> | null {
    if (!action.toolCall) return null;
    this.callCounter += 1;
    return {
      type: 'tool-call',
      toolCallId: `offline_call_${this.callCounter}`,
      toolName: action.toolCall.toolName,
      input: JSON.stringify(action.toolCall.input),
    };
  }
}

/** chars/4, the same estimate the benchmark reports, so offline runs still show a context cost. */
function estimateUsage(options: LanguageModelV3CallOptions, action: OfflineAction): LanguageModelV3Usage {
  const input = Math.ceil((JSON.stringify(options.prompt).length + JSON.stringify(options.tools ?? []).length) / 4);
  const output = Math.ceil(((action.text?.length ?? 0) + JSON.stringify(action.toolCall ?? '').length) / 4);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  };
}
