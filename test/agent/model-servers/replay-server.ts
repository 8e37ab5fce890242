import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One piece of an answer: raw bytes to write, a pause, or "go silent and keep the socket open". */
export type Frame = string | { pauseMs: number } | { stall: true } | { cut: true };

/** How the server answers one request: an SSE stream of frames, or a plain HTTP error. */
export type Reply = { frames: Frame[] } | { status: number; body: string; headers?: Record<string, string> };

export interface RecordedRequest {
  body: ChatRequest;
  /** Raw request size in bytes, for the context measurements. */
  bytes: number;
  /** Resolves when the client closed the socket (an aborted request) or the answer ended. */
  closed: Promise<'client-closed' | 'finished'>;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters?: unknown } }>;
  stream?: boolean;
  [key: string]: unknown;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null | Array<{ type: string; text?: string }>;
  tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
  [key: string]: unknown;
}

export interface ReplayServer {
  baseURL: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A `/v1/chat/completions` server that writes recorded-style SSE exactly as given (fragments, pauses, stalls, a cut
 * socket), so the real providers meet the bytes real servers send. `reply` decides from the request body.
 */
export async function startReplayServer(reply: (body: ChatRequest, index: number) => Reply): Promise<ReplayServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(raw || '{}') as ChatRequest;
      let settle: (how: 'client-closed' | 'finished') => void = () => undefined;
      const closed = new Promise<'client-closed' | 'finished'>((resolve) => (settle = resolve));
      response.on('close', () => settle(response.writableFinished ? 'finished' : 'client-closed'));
      requests.push({ body, bytes: Buffer.byteLength(raw), closed });
      const answer = reply(body, requests.length - 1);
      if ('status' in answer) {
        response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        response.end(answer.body);
        return;
      }
      void play(response, answer.frames);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function play(response: http.ServerResponse, frames: Frame[]): Promise<void> {
  let headersSent = false;
  const head = (): void => {
    if (headersSent) return;
    headersSent = true;
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    response.flushHeaders();
  };
  for (const frame of frames) {
    if (response.destroyed) return;
    if (typeof frame === 'string') {
      head();
      response.write(frame);
    } else if ('pauseMs' in frame) {
      await new Promise((resolve) => setTimeout(resolve, frame.pauseMs));
    } else if ('stall' in frame) {
      // A hung server: nothing more, socket left open until the client gives up.
      return;
    } else {
      head();
      response.socket?.destroy();
      return;
    }
  }
  head();
  response.end();
}

/** `data: {…}\n\n` for one chunk object. */
export const sse = (chunk: unknown): string => `data: ${JSON.stringify(chunk)}\n\n`;
export const DONE = 'data: [DONE]\n\n';
