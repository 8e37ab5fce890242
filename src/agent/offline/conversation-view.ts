import type { LanguageModelV3CallOptions, LanguageModelV3Prompt, LanguageModelV3ToolResultOutput } from '@ai-sdk/provider';

/** A tool call the assistant made earlier, with its result when one came back. */
export interface PastToolCall {
  toolCallId: string;
  toolName: string;
  input: Record<string, unknown>;
  output?: unknown;
  /** The `{error:{code}}` of a failed call, or a local failure code. */
  errorCode?: string;
  errorMessage?: string;
}

/** What the offline model reads off the prompt the AI SDK hands it: the same information a real model gets. */
/** How much of one message the offline model reads: a signup sentence or a CRM request is far shorter. */
const MAX_READ_CHARACTERS = 4000;

export interface ConversationView {
  signedIn: boolean;
  /** The model's clock (else a "now:" line of the system prompt), so "tomorrow" follows an injected clock. */
  nowMs?: number;
  /** How this person starts the app (`npm start --` in a clone, else `favcrm-chat`), for the commands suggested. */
  command?: string;
  pendingRequestId: string | null;
  pendingMaskedEmail: string | null;
  /** Tools offered on this step, with their input schemas. */
  tools: Map<string, Record<string, unknown>>;
  /** Every user message, oldest first. */
  userTexts: string[];
  /** For each user message, the assistant's last text before it ('' when none): the question it answers. */
  askedBefore: string[];
  /** Assistant text messages, oldest first. */
  assistantTexts: string[];
  /** The last message's role: `tool` means we are reacting to tool results inside a turn. */
  lastRole: 'user' | 'assistant' | 'tool' | 'system';
  /** Tool calls made since the last user message (this turn), oldest first. */
  turnCalls: PastToolCall[];
  /** Every tool call in the conversation, oldest first. */
  allCalls: PastToolCall[];
  /** Assistant text written earlier in this turn (after the last user message). */
  turnTexts: string[];
}

/** Parses the AI SDK's prompt (system block, messages, tool results) into a view the policy can reason over. */
export function readConversation(options: LanguageModelV3CallOptions, command?: string, nowMs?: number): ConversationView {
  const prompt: LanguageModelV3Prompt = options.prompt;
  const system = prompt.filter((message) => message.role === 'system').map((message) => message.content).join('\n');
  const view: ConversationView = {
    signedIn: /^auth: signed-in/m.test(system),
    ...(command ? { command } : {}),
    ...(nowMs !== undefined ? { nowMs } : readNow(system)),
    pendingRequestId: /pending signup: requestId (\S+),/.exec(system)?.[1] ?? null,
    pendingMaskedEmail: /code sent to (\S+), expires/.exec(system)?.[1] ?? null,
    tools: new Map(),
    userTexts: [],
    askedBefore: [],
    assistantTexts: [],
    lastRole: 'system',
    turnCalls: [],
    allCalls: [],
    turnTexts: [],
  };
  for (const tool of options.tools ?? []) {
    if (tool.type === 'function') view.tools.set(tool.name, tool.inputSchema as Record<string, unknown>);
  }
  const callsById = new Map<string, PastToolCall>();
  for (const message of prompt) {
    view.lastRole = message.role;
    if (message.role === 'user') {
      // The offline reader's patterns are meant for sentences; a pasted novel is read by its start only.
      view.userTexts.push(message.content.map((part) => (part.type === 'text' ? part.text : '')).join('').slice(0, MAX_READ_CHARACTERS));
      // What the assistant said in the turn just before (a cancelled turn said nothing, so it asked nothing).
      view.askedBefore.push(view.turnTexts.at(-1) ?? '');
      view.turnCalls = [];
      view.turnTexts = [];
    } else if (message.role === 'assistant') {
      for (const part of message.content) {
        if (part.type === 'text' && part.text.trim()) {
          view.assistantTexts.push(part.text);
          view.turnTexts.push(part.text);
        } else if (part.type === 'tool-call') {
          const call: PastToolCall = { toolCallId: part.toolCallId, toolName: part.toolName, input: asRecord(part.input) };
          callsById.set(part.toolCallId, call);
          view.allCalls.push(call);
          view.turnCalls.push(call);
        } else if (part.type === 'tool-result') {
          attachResult(callsById, part.toolCallId, part.output);
        }
      }
    } else if (message.role === 'tool') {
      for (const part of message.content) {
        if (part.type === 'tool-result') attachResult(callsById, part.toolCallId, part.output);
      }
    }
  }
  return view;
}

function readNow(system: string): { nowMs?: number } {
  const written = /^now: (\S+)/m.exec(system)?.[1];
  const nowMs = written ? Date.parse(written) : Number.NaN;
  return Number.isNaN(nowMs) ? {} : { nowMs };
}

function attachResult(calls: Map<string, PastToolCall>, toolCallId: string, output: LanguageModelV3ToolResultOutput): void {
  const call = calls.get(toolCallId);
  if (!call) return;
  const value = outputValue(output);
  call.output = value;
  const error = value && typeof value === 'object' ? (value as { error?: { code?: unknown; message?: unknown } }).error : undefined;
  if (error && typeof error.code === 'string') {
    call.errorCode = error.code;
    call.errorMessage = typeof error.message === 'string' ? error.message : error.code;
  } else if (output.type === 'error-text' || output.type === 'error-json' || output.type === 'execution-denied') {
    call.errorCode = output.type === 'execution-denied' ? 'DECLINED_BY_USER' : 'TOOL_ERROR';
    call.errorMessage = typeof value === 'string' ? value : JSON.stringify(value);
  }
}

function outputValue(output: LanguageModelV3ToolResultOutput): unknown {
  switch (output.type) {
    case 'json':
    case 'error-json':
      return output.value;
    case 'text':
    case 'error-text':
      try {
        return JSON.parse(output.value);
      } catch {
        return output.value;
      }
    case 'execution-denied':
      return output.reason ?? 'denied';
    default:
      return null;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      return asRecord(JSON.parse(value));
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The local sandbox says so in its EMAIL_EXISTS answer (`sandbox: true`); the real FavCRM does not. */
export function isSandboxAnswer(failed: PastToolCall): boolean {
  const output = (failed.output ?? {}) as { error?: { sandbox?: unknown } };
  return output.error?.sandbox === true;
}
