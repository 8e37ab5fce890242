import type { ModelMessage } from 'ai';

/**
 * What one model request may carry, in tokens (characters / 4 of the prompt and tool JSON). Well under 8k: Ollama's
 * default window is 4,096 (raised as docs/model-servers.md says) and it silently drops the start of an overlong
 * prompt, which is the system prompt with the secrets rules.
 */
export const DEFAULT_REQUEST_BUDGET_TOKENS = 6_000;

/**
 * Most tools one search (or one `load_favcrm_tools` call) makes callable: its best matches. The budget never unloads
 * the newest load's tools, so "callable now" stays true for the steps that use them; 8 tools are ~1,500 tokens.
 */
export const MAX_TOOLS_PER_LOAD = 8;
const NEWEST_LOADED_KEPT = MAX_TOOLS_PER_LOAD;
/** The wire format adds framing to each message (roles, `tool_calls` wrappers, ids): 7% of the budget is kept for it. */
const WIRE_FRAMING_SHARE = 0.07;
/** A tool result shortened for the budget keeps this much of its JSON as a preview. */
const PREVIEW_CHARS = 240;

export interface StepRequest {
  system: string;
  messages: ModelMessage[];
  /** Tools offered on this step, fixed ones first, then those loaded by search, oldest first. */
  toolNames: string[];
}

export interface BudgetedStep extends StepRequest {
  estimatedTokens: number;
  /** What was shed to fit, e.g. "3 older tool results shortened", "2 loaded tools unloaded". */
  shed: string[];
}

/** ≈ tokens of a step as the provider sends it: system prompt, messages and the offered tools' schemas. */
export function estimateStepTokens(request: StepRequest, toolChars: (name: string) => number): number {
  const tools = request.toolNames.reduce((sum, name) => sum + toolChars(name), 0);
  return Math.ceil((request.system.length + JSON.stringify(request.messages).length + tools) / 4);
}

/**
 * Fits one step into the budget, shedding in this order until it fits: tool results of earlier turns shortened to
 * a preview; loaded-by-search tools unloaded, oldest first (the newest search's tools stay); whole earlier turns
 * dropped; and last, this turn's older tool results shortened (the model is still working with them). The latest user message and the latest tool results always
 * stay. Deterministic, so consecutive steps shed the same way and keep a shared prefix.
 */
export function fitRequestToBudget(request: StepRequest, options: { budgetTokens: number; fixedTools: ReadonlySet<string>; toolChars: (name: string) => number }): BudgetedStep {
  let step: StepRequest = { ...request, messages: [...request.messages], toolNames: [...request.toolNames] };
  const shed: string[] = [];
  const size = (): number => estimateStepTokens(step, options.toolChars);
  const fits = (): boolean => size() <= options.budgetTokens * (1 - WIRE_FRAMING_SHARE);
  const turnStart = (): number => step.messages.findLastIndex((message) => message.role === 'user');

  if (!fits()) {
    const shortened = shortenToolResults(step.messages, 0, Math.max(0, turnStart()));
    if (shortened.count > 0) {
      step = { ...step, messages: shortened.messages };
      shed.push(`${shortened.count} tool result(s) of earlier turns shortened`);
    }
  }
  if (!fits()) {
    const loaded = step.toolNames.filter((name) => !options.fixedTools.has(name));
    const removable = loaded.slice(0, Math.max(0, loaded.length - NEWEST_LOADED_KEPT));
    const unloaded: string[] = [];
    for (const name of removable) {
      if (fits()) break;
      step = { ...step, toolNames: step.toolNames.filter((tool) => tool !== name) };
      unloaded.push(name);
    }
    if (unloaded.length > 0) shed.push(`${unloaded.length} loaded tool(s) unloaded: ${unloaded.join(', ')}`);
  }
  let dropped = 0;
  while (!fits()) {
    const starts = step.messages.flatMap((message, index) => (message.role === 'user' && index > 0 ? [index] : []));
    const cut = starts[0];
    if (cut === undefined || cut > turnStart()) break;
    step = { ...step, messages: step.messages.slice(cut) };
    dropped += 1;
  }
  if (dropped > 0) shed.push(`${dropped} earlier turn(s) dropped`);
  if (!fits()) {
    const lastTool = step.messages.findLastIndex((message) => message.role === 'tool');
    const shortened = shortenToolResults(step.messages, Math.max(0, turnStart()), lastTool);
    if (shortened.count > 0) {
      step = { ...step, messages: shortened.messages };
      shed.push(`${shortened.count} older tool result(s) of this turn shortened`);
    }
  }
  if (!fits()) {
    // Last resort: even the newest results (a search's argument lists repeat the schemas the tools now carry).
    const shortened = shortenToolResults(step.messages, Math.max(0, turnStart()), step.messages.length);
    if (shortened.count > 0) {
      step = { ...step, messages: shortened.messages };
      shed.push(`${shortened.count} newest tool result(s) shortened`);
    }
  }
  return { ...step, estimatedTokens: size(), shed };
}

/** Tool results in messages[from, to) replaced by a short preview; the call/result pairing is kept. */
function shortenToolResults(messages: ModelMessage[], from: number, to: number): { messages: ModelMessage[]; count: number } {
  let count = 0;
  const out = messages.map((message, index) => {
    if (index < from || index >= to || message.role !== 'tool') return message;
    return {
      ...message,
      content: message.content.map((part) => {
        if (part.type !== 'tool-result') return part;
        const text = JSON.stringify('value' in part.output ? part.output.value : part.output) ?? '';
        if (text.length <= PREVIEW_CHARS * 1.5) return part;
        count += 1;
        return {
          ...part,
          output: { type: 'json' as const, value: { shortened: 'to fit the context window; call the tool again for the details', preview: `${text.slice(0, PREVIEW_CHARS)}…` } },
        };
      }),
    };
  });
  return { messages: out, count };
}
