import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted chat-completions answer: text, or tool calls, or an HTTP error. */
export type FakeCompletion = { text: string } | { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> } | { status: number; body: unknown };

export interface FakeOpenAiServer {
  baseURL: string;
  /** Every request body received, for leak checks (what the "provider" saw). */
  requests: Array<Record<string, unknown>>;
  /** Every Authorization header received. */
  authorizations: string[];
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible `/v1/chat/completions` server (the API Ollama, llama.cpp and vLLM serve) that answers
 * from a script, streaming SSE chunks the way those servers do. `script` gets the request body.
 */
export async function startFakeOpenAiServer(script: (body: Record<string, unknown>, index: number) => FakeCompletion): Promise<FakeOpenAiServer> {
  const requests: Array<Record<string, unknown>> = [];
  const authorizations: string[] = [];
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      requests.push(body);
      authorizations.push(String(request.headers.authorization ?? ''));
      const answer = script(body, requests.length - 1);
      if ('status' in answer) {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer.body));
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const base = { id: `chatcmpl-${requests.length}`, object: 'chat.completion.chunk', created: 1_700_000_000, model: String(body.model) };
      const send = (delta: unknown, finish: string | null = null) =>
        response.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
      send({ role: 'assistant', content: '' });
      if ('text' in answer) {
        for (const word of answer.text.split(/(?<= )/)) send({ content: word });
        send({}, 'stop');
      } else {
        answer.toolCalls.forEach((call, index) =>
          send({ tool_calls: [{ index, id: `call_${requests.length}_${index}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }] }),
        );
        send({}, 'tool_calls');
      }
      response.write(`data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 } })}\n\n`);
      response.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The content of the last `tool` message in a chat-completions request, parsed. */
export function lastToolMessage(body: Record<string, unknown>): Record<string, unknown> | null {
  const messages = (body.messages as Array<{ role: string; content: unknown }>) ?? [];
  const tool = [...messages].reverse().find((message) => message.role === 'tool');
  if (!tool || typeof tool.content !== 'string') return null;
  return JSON.parse(tool.content) as Record<string, unknown>;
}
