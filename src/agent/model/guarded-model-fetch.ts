import { ChunkRepairer } from './repair-chunk.js';
import { excerpt, ModelStreamError, ModelTimeoutError } from './model-errors.js';
import { SseEventSplitter } from './sse-events.js';

export interface ModelDeadlines {
  /** From sending the request to the first byte of the answer (a local server may first read a long prompt). */
  firstTokenMs: number;
  /** Longest silence between two chunks once the answer has started. */
  idleMs: number;
}

/** Local servers read the prompt before the first token; on a CPU a 6k-token prompt can take most of a minute. */
export const DEFAULT_FIRST_TOKEN_TIMEOUT_MS = 60_000;
/** Tokens arrive many times a second; half a minute of silence mid-answer means the server is stuck. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

/**
 * The `fetch` every model provider gets. It (1) enforces both deadlines over the whole answer, aborting the HTTP
 * request itself (together with the turn's own signal, via `AbortSignal.any`) so a local server's only slot is
 * freed; (2) rewrites the SSE stream through `ChunkRepairer` so the provider only ever parses chunks its schema
 * accepts; and (3) turns what cannot be repaired (not JSON, an error frame, a stream that ends before the answer
 * does) into a `ModelStreamError` that names what the server sent.
 */
export function createGuardedModelFetch(deadlines: ModelDeadlines, baseFetch: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const deadline = new AbortController();
    const callerSignal = init?.signal ?? undefined;
    const signal = callerSignal ? AbortSignal.any([callerSignal, deadline.signal]) : deadline.signal;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number, phase: 'first-token' | 'idle'): void => {
      clearTimeout(timer);
      timer = setTimeout(() => deadline.abort(new ModelTimeoutError(ms, phase)), ms);
    };
    arm(deadlines.firstTokenMs, 'first-token');
    let response: Response;
    try {
      response = await baseFetch(input, { ...init, signal });
    } catch (error) {
      clearTimeout(timer);
      throw deadline.signal.aborted ? deadline.signal.reason : error;
    }
    if (!response.body) {
      clearTimeout(timer);
      return response;
    }
    const eventStream = (response.headers.get('content-type') ?? '').includes('text/event-stream');
    // A proxy or server that ignores `stream: true` answers with one JSON completion: it is read as one chunk.
    const streamAsked = typeof init?.body === 'string' && /"stream"\s*:\s*true/.test(init.body);
    const body = guardBody(response.body, {
      sse: response.ok && (eventStream || streamAsked),
      wholeJson: response.ok && !eventStream && streamAsked,
      started: () => arm(deadlines.idleMs, 'idle'),
      stop: () => clearTimeout(timer),
      deadline,
      callerSignal,
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

interface BodyGuard {
  sse: boolean;
  /** The body is (probably) one JSON document rather than SSE: read it whole, then as a single event. */
  wholeJson: boolean;
  /** Called on every chunk from the server: the idle deadline starts again. */
  started: () => void;
  stop: () => void;
  deadline: AbortController;
  callerSignal: AbortSignal | undefined;
}

/**
 * Reads the server eagerly (so the idle deadline measures the server's silence, never a slow reader) and hands on
 * repaired bytes. Any failure ends the stream with a typed error and aborts the request.
 */
function guardBody(source: ReadableStream<Uint8Array>, guard: BodyGuard): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const splitter = new SseEventSplitter();
  const repairer = new ChunkRepairer();
  const encoder = new TextEncoder();
  let finished = false;
  let closed = false;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const fail = (error: unknown): void => {
        guard.stop();
        if (closed) return;
        closed = true;
        controller.error(error);
        // Stop the server generating an answer no one will read.
        if (!guard.deadline.signal.aborted) guard.deadline.abort(error);
        void reader.cancel().catch(() => undefined);
      };
      const forward = (events: string[]): boolean => {
        for (const data of events) {
          if (data.trim() === '[DONE]') {
            finished = true;
            controller.enqueue(encoder.encode('data: [DONE]\n\n'));
            continue;
          }
          let payload: unknown;
          try {
            payload = JSON.parse(data);
          } catch {
            fail(new ModelStreamError('unreadable-chunk', `The model server sent a chunk that is not valid JSON: "${excerpt(data, 80)}".`));
            return false;
          }
          const repaired = repairer.repair(payload);
          if (repaired.kind === 'drop') continue;
          if (repaired.kind === 'server-error') {
            fail(new ModelStreamError('server-error', `The model server reported an error mid-answer: ${excerpt(repaired.message, 300)}`, repaired.message));
            return false;
          }
          if (repaired.kind === 'unreadable') {
            fail(new ModelStreamError('unreadable-chunk', `The model server sent ${repaired.reason}: "${excerpt(data, 80)}".`));
            return false;
          }
          finished ||= repaired.finished;
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(repaired.chunk)}\n\n`));
        }
        return true;
      };
      void (async () => {
        try {
          let whole = '';
          const decoder = new TextDecoder();
          for (;;) {
            const { done, value } = await reader.read();
            if (closed) return;
            if (done) break;
            guard.started();
            if (!guard.sse) controller.enqueue(value);
            else if (guard.wholeJson) whole += decoder.decode(value, { stream: true });
            else if (!forward(splitter.push(value))) return;
          }
          guard.stop();
          if (guard.wholeJson) {
            whole += decoder.decode();
            const events = /^\s*data:/.test(whole) ? [...splitter.push(new TextEncoder().encode(whole)), ...splitter.push(null)] : whole.trim() ? [whole] : [];
            if (!forward(events) || closed) return;
          } else if (guard.sse && (!forward(splitter.push(null)) || closed)) return;
          if (guard.sse && !finished) {
            fail(new ModelStreamError('stream-cut', 'The model server closed the stream before finishing its answer (no finish_reason, no [DONE]).'));
            return;
          }
          closed = true;
          controller.close();
        } catch (error) {
          if (guard.deadline.signal.aborted) fail(guard.deadline.signal.reason);
          else if (guard.callerSignal?.aborted) fail(guard.callerSignal.reason ?? error);
          else fail(new ModelStreamError('stream-cut', `The connection to the model server broke mid-answer (${error instanceof Error ? error.message : String(error)}).`));
        }
      })();
    },
    cancel(reason) {
      closed = true;
      guard.stop();
      return reader.cancel(reason);
    },
  });
}
