/**
 * Real OpenAI-compatible servers stream chunks the providers' strict schemas reject (one rejected chunk used to end
 * the turn with "Something went wrong: ["). Each chunk is brought to the shape both `@ai-sdk/openai` and
 * `@ai-sdk/openai-compatible` accept, here and only here, before any provider parses it.
 */
export type RepairedChunk =
  | { kind: 'chunk'; chunk: Record<string, unknown>; finished: boolean }
  | { kind: 'drop' }
  | { kind: 'server-error'; message: string }
  | { kind: 'unreadable'; reason: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Per-stream memory: which tool-call id got which index, so index-less fragments land on the right call. */
export class ChunkRepairer {
  private readonly indexOfId = new Map<string, number>();
  private lastIndex = -1;

  /** One parsed `data:` payload in, the chunk to hand the provider (or what to do instead) out. */
  repair(payload: unknown): RepairedChunk {
    if (!isObject(payload)) return { kind: 'unreadable', reason: 'a chunk that is not a JSON object' };
    const error = serverError(payload);
    if (error !== null) return { kind: 'server-error', message: error };
    if (!('choices' in payload) || payload.choices === null) {
      // Vercel's v0 API and some ROCm builds send the usage (or nothing useful) without `choices`.
      return isObject(payload.usage) ? { kind: 'chunk', chunk: { ...payload, choices: [] }, finished: false } : { kind: 'drop' };
    }
    if (!Array.isArray(payload.choices)) return { kind: 'unreadable', reason: '`choices` that is not a list' };
    let finished = false;
    const choices = payload.choices.filter(isObject).map((choice, position) => {
      const repaired: Json = { index: typeof choice.index === 'number' ? choice.index : position };
      // logprobs shapes vary between servers and nothing here reads them.
      if (typeof choice.finish_reason === 'string' && choice.finish_reason !== '') {
        repaired.finish_reason = choice.finish_reason;
        finished = true;
      } else repaired.finish_reason = null;
      // Some servers send the whole message (`message`) in a stream instead of a `delta`.
      const delta = isObject(choice.delta) ? choice.delta : isObject(choice.message) ? choice.message : null;
      if (delta) repaired.delta = this.repairDelta(delta);
      return repaired;
    });
    const chunk: Json = { ...payload, choices };
    if (!isObject(chunk.usage)) delete chunk.usage;
    return { kind: 'chunk', chunk, finished };
  }

  private repairDelta(delta: Json): Json {
    const repaired: Json = { ...delta };
    // MiniMax sends `role: ""`, others "model"; the providers only accept "assistant" (or nothing).
    if (repaired.role !== 'assistant') delete repaired.role;
    if (Array.isArray(repaired.content)) repaired.content = textOfParts(repaired.content);
    else if (repaired.content !== undefined && repaired.content !== null && typeof repaired.content !== 'string') delete repaired.content;
    for (const key of ['reasoning_content', 'reasoning', 'refusal']) {
      if (repaired[key] !== undefined && repaired[key] !== null && typeof repaired[key] !== 'string') delete repaired[key];
    }
    const calls = repaired.tool_calls;
    if (calls === undefined || calls === null) delete repaired.tool_calls;
    else repaired.tool_calls = (Array.isArray(calls) ? calls : [calls]).filter(isObject).map((call) => this.repairToolCall(call));
    delete repaired.function_call;
    return repaired;
  }

  private repairToolCall(call: Json): Json {
    const id = typeof call.id === 'string' && call.id !== '' ? call.id : undefined;
    let index: number;
    if (typeof call.index === 'number') index = call.index;
    else if (id !== undefined) index = this.indexOfId.get(id) ?? this.lastIndex + 1;
    // A fragment with neither index nor id continues the call before it.
    else index = Math.max(this.lastIndex, 0);
    if (id !== undefined) this.indexOfId.set(id, index);
    this.lastIndex = Math.max(this.lastIndex, index);
    const fn = isObject(call.function) ? call.function : {};
    const args = fn.arguments;
    return {
      index,
      ...(id !== undefined ? { id } : {}),
      type: 'function',
      function: {
        ...(typeof fn.name === 'string' && fn.name !== '' ? { name: fn.name } : {}),
        // Some servers (and Ollama's native dialect) send the arguments as an object, not a JSON string.
        ...(typeof args === 'string' ? { arguments: args } : args !== undefined && args !== null ? { arguments: JSON.stringify(args) } : {}),
      },
    };
  }
}

/** The server's own words when a chunk is an error frame (`{error: …}` or vLLM's flat `{object: "error", message}`). */
export function serverError(payload: Json): string | null {
  const error = payload.error;
  if (typeof error === 'string' && error !== '') return error;
  if (isObject(error)) return messageOf(error) ?? JSON.stringify(error);
  if (payload.object === 'error' || (payload.choices === undefined && typeof payload.message === 'string' && (payload.code !== undefined || payload.type !== undefined))) {
    return messageOf(payload) ?? JSON.stringify(payload);
  }
  return null;
}

function messageOf(record: Json): string | null {
  for (const key of ['message', 'detail', 'msg', 'error']) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
    if (isObject(value)) {
      const inner = messageOf(value);
      if (inner) return inner;
    }
  }
  return null;
}

/** `[{type: "text", text}]` content parts, as some servers stream them, joined into the string the providers expect. */
function textOfParts(parts: unknown[]): string {
  return parts.map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : typeof part === 'string' ? part : '')).join('');
}
