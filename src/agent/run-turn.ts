import { dynamicTool, jsonSchema, stepCountIs, streamText, type LanguageModel, type ModelMessage, type ToolSet } from 'ai';
import type { JSONSchema7 } from '@ai-sdk/provider';
import type { McpToolInfo } from '../mcp/favcrm-connection.js';
import { BOOTSTRAP_TOOL_NAMES, CORE_TOOL_NAMES_AFTER_AUTH, LOAD_TOOLS_NAME } from '../mcp/tool-exposure.js';
import { DEFAULT_REQUEST_BUDGET_TOKENS, fitRequestToBudget } from './request-budget.js';
import type { AgentEvent } from './events.js';
import { executeToolCall, type ToolCallEnvironment } from './execute-tool-call.js';
import { invalidToolCallEvents } from './invalid-tool-call.js';
import { validHistory } from './history-validity.js';
import { textToolCallHint } from './model/text-tool-call-middleware.js';

/** One turn may chain signup verify → whoami → plan → services → summary; 12 steps leaves room without letting a confused model loop. */
export const MAX_STEPS_PER_TURN = 12;

export { LOAD_TOOLS_NAME };

export interface TurnInput {
  model: LanguageModel;
  messages: ModelMessage[];
  catalogue: readonly McpToolInfo[];
  /**
   * Called before every step: the system prompt and offered tools may change mid-turn (e.g. after signup).
   * `toolNames` is exactly what is offered (the loader included only when it can load anything).
   */
  stepContext: () => { system: string; toolNames: string[] };
  /** Per-request token budget (default DEFAULT_REQUEST_BUDGET_TOKENS). */
  budgetTokens?: number;
  environment: ToolCallEnvironment;
  emit: (event: AgentEvent) => void;
  maxRetries: number;
  /**
   * The messages of the steps finished so far (cumulative), after each step: a turn that fails later keeps them, so
   * a verify that succeeded stays in the model's history even when the next step fails.
   */
  onStepMessages?: (messages: ModelMessage[]) => void;
}

export interface TurnOutput {
  responseMessages: ModelMessage[];
  usage: { inputTokens: number; outputTokens: number };
}

/** Runs the AI SDK tool loop for one user turn and streams events; throws on model or transport failure. */
export async function runTurn(input: TurnInput): Promise<TurnOutput> {
  const { environment, emit } = input;
  const consumer = new ConsumerProgress();
  const tools = buildToolSet(input.catalogue, environment, consumer, () => input.stepContext().toolNames);
  let currentText = '';
  let streamError: unknown = null;

  const toolChars = toolSizes(input.catalogue);
  const fixedTools = new Set<string>([...BOOTSTRAP_TOOL_NAMES, ...CORE_TOOL_NAMES_AFTER_AUTH, LOAD_TOOLS_NAME]);
  const shape = (messages: ModelMessage[]) => {
    const context = input.stepContext();
    const fitted = fitRequestToBudget(
      { system: context.system, messages, toolNames: context.toolNames },
      { budgetTokens: input.budgetTokens ?? DEFAULT_REQUEST_BUDGET_TOKENS, fixedTools, toolChars },
    );
    return { system: fitted.system, messages: fitted.messages, activeTools: fitted.toolNames };
  };
  const first = input.stepContext();
  const result = streamText({
    model: input.model,
    system: first.system,
    messages: validHistory(input.messages),
    tools,
    activeTools: first.toolNames,
    stopWhen: stepCountIs(MAX_STEPS_PER_TURN),
    maxRetries: input.maxRetries,
    abortSignal: environment.turn.signal,
    // Errors arrive as stream parts and are reported as events; the SDK's default console logging would
    // scribble over the Ink screen and could print request bodies.
    onError: () => undefined,
    onStepFinish: (step) => input.onStepMessages?.(step.response.messages),
    prepareStep: ({ messages }) => shape(messages),
  });

  let hinted = false;
  const flushText = (): void => {
    const text = currentText.trim();
    if (text) {
      emit({ type: 'assistant-message', turnId: environment.turn.id, text });
      const hint = hinted ? null : textToolCallHint(text);
      if (hint) {
        hinted = true;
        emit({ type: 'notice', level: 'warning', text: hint });
      }
    }
    currentText = '';
  };

  for await (const part of result.fullStream) {
    switch (part.type) {
      case 'text-delta': {
        const safe = environment.redactor.redact(part.text);
        currentText += safe;
        emit({ type: 'text-delta', turnId: environment.turn.id, text: safe });
        break;
      }
      case 'text-end':
      case 'finish-step':
        flushText();
        break;
      case 'tool-call':
        flushText();
        consumer.reached(part.toolCallId);
        if (part.invalid === true) for (const event of invalidToolCallEvents(part, environment)) environment.emit(event);
        break;
      case 'error':
        streamError = part.error;
        break;
      case 'tool-error':
        // A tool threw: the SDK hands the error to the model; a dead transport has aborted the turn with its error.
        break;
      default:
        break;
    }
  }
  flushText();
  if (streamError) throw streamError;
  const response = await result.response;
  const usage = await result.totalUsage;
  return {
    responseMessages: response.messages,
    usage: { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 },
  };
}

/**
 * The SDK starts a tool while this loop may still be printing the text before it. Tools wait until the loop
 * has reached their call, so people see "I'll register…" before the tool card and its approval prompt.
 */
class ConsumerProgress {
  private readonly waiting = new Map<string, () => void>();
  private readonly seen = new Set<string>();

  reached(toolCallId: string): void {
    this.seen.add(toolCallId);
    this.waiting.get(toolCallId)?.();
  }

  /** Resolves once the loop saw the call; gives up after a moment so a quirky provider can never deadlock a turn. */
  waitFor(toolCallId: string): Promise<void> {
    if (this.seen.has(toolCallId)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 1_000);
      this.waiting.set(toolCallId, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

function buildToolSet(catalogue: readonly McpToolInfo[], environment: ToolCallEnvironment, consumer: ConsumerProgress, offeredNow: () => string[]): ToolSet {
  const tools: ToolSet = {};
  for (const info of catalogue) {
    tools[info.name] = dynamicTool({
      description: info.description,
      inputSchema: jsonSchema(normaliseSchema(info.inputSchema)),
      execute: async (input, options) => {
        await consumer.waitFor(options.toolCallId);
        return executeToolCall(environment, options.toolCallId, info.name, (input ?? {}) as Record<string, unknown>);
      },
    });
  }
  tools[LOAD_TOOLS_NAME] = dynamicTool({
    description: 'Load FavCRM tools by exact name so you can call them on the next step. Use names from query_favcrm_platform.',
    inputSchema: jsonSchema({
      type: 'object',
      properties: { names: { type: 'array', items: { type: 'string' }, description: 'Exact tool names to load.' } },
      required: ['names'],
      additionalProperties: false,
    }),
    execute: async (input) => {
      const requested = Array.isArray((input as { names?: unknown }).names) ? ((input as { names: unknown[] }).names.filter((name) => typeof name === 'string') as string[]) : [];
      const known = requested.filter((name) => catalogue.some((tool) => tool.name === name));
      environment.favcrm.loadTools(known);
      // Say only what really became callable (e.g. nothing loads before signup).
      const offered = new Set(offeredNow());
      const loaded = known.filter((name) => offered.has(name));
      const notLoaded = known.filter((name) => !offered.has(name));
      const unknown = requested.filter((name) => !known.includes(name));
      return {
        loaded,
        ...(notLoaded.length ? { notLoaded, reason: 'not available in this session state' } : {}),
        ...(unknown.length ? { unknown, hint: 'Use query_favcrm_platform to find exact names.' } : {}),
      };
    },
  });
  return tools;
}

/** MCP input schemas are JSON Schema objects; make sure the top level says so (some servers omit `type`). */
function normaliseSchema(schema: Record<string, unknown>): JSONSchema7 {
  const copy = { ...schema } as JSONSchema7;
  if (!copy.type) copy.type = 'object';
  if (!copy.properties) copy.properties = {};
  return copy;
}

/** Characters of each tool's definition as a provider sends it (name, description, JSON schema). */
function toolSizes(catalogue: readonly McpToolInfo[]): (name: string) => number {
  const sizes = new Map(catalogue.map((tool) => [tool.name, JSON.stringify({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.inputSchema } }).length]));
  return (name) => sizes.get(name) ?? 400;
}

