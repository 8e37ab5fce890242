import { InvalidToolInputError, NoSuchToolError } from 'ai';
import type { AgentEvent } from './events.js';
import type { ToolCallEnvironment } from './execute-tool-call.js';
import { summariseArguments } from './summarise-tool-call.js';

/** What the AI SDK reports for a tool call it could not run: an unknown or unloaded tool, or arguments that do not parse. */
export interface InvalidToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
  error?: unknown;
}

/**
 * The tool card for a call the model got wrong. The SDK already hands the model an error result it can correct;
 * without these events the person would see nothing happen, then the model apologise.
 */
export function invalidToolCallEvents(call: InvalidToolCall, environment: Pick<ToolCallEnvironment, 'turn' | 'redactor'>): AgentEvent[] {
  const { errorCode, summary } = describeInvalidCall(call);
  const args = call.input && typeof call.input === 'object' && !Array.isArray(call.input) ? (call.input as Record<string, unknown>) : {};
  const card = { turnId: environment.turn.id, callId: call.toolCallId, toolName: call.toolName, title: call.toolName, argsSummary: summariseArguments(call.toolName, environment.redactor.redactDeep(args) as Record<string, unknown>) };
  return [
    { type: 'tool-call-start', ...card },
    { type: 'tool-call-end', ...card, ok: false, errorCode, summary: environment.redactor.redact(`${errorCode}: ${summary}`) },
  ];
}

function describeInvalidCall(call: InvalidToolCall): { errorCode: string; summary: string } {
  if (NoSuchToolError.isInstance(call.error)) {
    return { errorCode: 'UNKNOWN_TOOL', summary: 'the model asked for a tool it does not have here; it was told which ones it has' };
  }
  if (InvalidToolInputError.isInstance(call.error)) {
    return { errorCode: 'INVALID_ARGUMENTS', summary: "the model's arguments did not fit the tool; it was asked to correct them" };
  }
  return { errorCode: 'INVALID_CALL', summary: 'the model made a call that could not run; it was told why' };
}
