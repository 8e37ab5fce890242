import type { LanguageModelV3Middleware, LanguageModelV3StreamPart } from '@ai-sdk/provider';

const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';

/**
 * Qwen and Hermes models write `<tool_call>{"name": …, "arguments": {…}}</tool_call>` as plain text when the
 * server's tool parser is off (vLLM without `--tool-call-parser`, llama.cpp without `--jinja`). A call to a tool
 * that was offered becomes a real tool call; anything else stays text (and `textToolCallHint` explains it).
 */
export const textToolCallMiddleware: LanguageModelV3Middleware = {
  specificationVersion: 'v3',
  wrapStream: async ({ doStream, params }) => {
    const offered = new Set((params.tools ?? []).map((tool) => tool.name));
    const result = await doStream();
    if (offered.size === 0) return result;
    let pending = '';
    let openTextId: string | null = null;
    let converted = 0;
    const stream = result.stream.pipeThrough(
      new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
        transform(part, controller) {
          if (part.type === 'text-delta') {
            openTextId = part.id;
            pending += part.delta;
            pending = drain(pending, part.id, controller, offered, () => (converted += 1), false);
            return;
          }
          if (part.type === 'text-end') {
            pending = drain(pending, part.id, controller, offered, () => (converted += 1), true);
            openTextId = null;
          }
          if (part.type === 'finish' && openTextId !== null && pending !== '') {
            controller.enqueue({ type: 'text-delta', id: openTextId, delta: pending });
            pending = '';
          }
          if (part.type === 'finish' && converted > 0 && part.finishReason.unified === 'stop') {
            controller.enqueue({ ...part, finishReason: { unified: 'tool-calls', raw: part.finishReason.raw } });
            return;
          }
          controller.enqueue(part);
        },
      }),
    );
    return { ...result, stream };
  },
};

/** Emits the text that is certainly not part of a tool call, converts complete calls, and returns what to hold back. */
function drain(
  buffer: string,
  id: string,
  controller: TransformStreamDefaultController<LanguageModelV3StreamPart>,
  offered: ReadonlySet<string>,
  onConverted: () => void,
  atEnd: boolean,
): string {
  let rest = buffer;
  for (;;) {
    const start = rest.indexOf(OPEN);
    if (start < 0) break;
    const end = rest.indexOf(CLOSE, start + OPEN.length);
    if (end < 0) {
      if (!atEnd) {
        if (start > 0) controller.enqueue({ type: 'text-delta', id, delta: rest.slice(0, start) });
        return rest.slice(start);
      }
      break;
    }
    const call = parseCall(rest.slice(start + OPEN.length, end), offered);
    if (!call) break;
    if (start > 0) controller.enqueue({ type: 'text-delta', id, delta: rest.slice(0, start) });
    controller.enqueue({ type: 'tool-call', toolCallId: `text_call_${Math.random().toString(36).slice(2, 10)}`, toolName: call.name, input: call.input });
    onConverted();
    rest = rest.slice(end + CLOSE.length).replace(/^\s+/, '');
  }
  // Hold back a tail that may be the start of `<tool_call>` split across chunks.
  const keep = atEnd ? 0 : partialTagLength(rest);
  const emit = rest.slice(0, rest.length - keep);
  if (emit) controller.enqueue({ type: 'text-delta', id, delta: emit });
  return rest.slice(rest.length - keep);
}

function partialTagLength(text: string): number {
  for (let length = Math.min(OPEN.length - 1, text.length); length > 0; length -= 1) {
    if (OPEN.startsWith(text.slice(text.length - length))) return length;
  }
  return 0;
}

function parseCall(body: string, offered: ReadonlySet<string>): { name: string; input: string } | null {
  try {
    const parsed = JSON.parse(body.trim()) as { name?: unknown; arguments?: unknown; parameters?: unknown };
    if (typeof parsed.name !== 'string' || !offered.has(parsed.name)) return null;
    const args = parsed.arguments ?? parsed.parameters ?? {};
    return { name: parsed.name, input: typeof args === 'string' ? args : JSON.stringify(args) };
  } catch {
    return null;
  }
}

/** Markers of a tool call written as text by a model whose server does not parse them. */
const TEXT_TOOL_CALL = /<tool_call>|\[TOOL_CALLS\]|<\|tool_call\|>|<function=/;

/** What to tell the person when the model's answer holds a tool call as text that nothing ran. */
export function textToolCallHint(text: string): string | null {
  if (!TEXT_TOOL_CALL.test(text)) return null;
  return 'The model wrote a tool call as plain text, so nothing ran: its server is not parsing tool calls. Start vLLM with --enable-auto-tool-choice --tool-call-parser hermes (Qwen) or the parser for your model, llama.cpp with --jinja, or use an Ollama model whose template supports tools.';
}
