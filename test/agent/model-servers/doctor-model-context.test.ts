import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeModelContext } from '../../../src/agent/model/probe-model-context.js';
import { selectModel } from '../../../src/agent/model-selection.js';
import { startTestSandbox } from '../../helpers/agent-fixture.js';
import { createTestSession } from '../../helpers/agent-fixture.js';

type Routes = Record<string, unknown>;

/** A model server that answers only the paths its real counterpart serves (everything else 404, as they do). */
async function serverWith(routes: Routes): Promise<{ baseURL: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const key = `${request.method} ${request.url}`;
    request.resume();
    request.on('end', () => {
      if (!(key in routes)) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('404 page not found');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(routes[key]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseURL: `http://127.0.0.1:${port}/v1`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("doctor reports the model's context window when the server exposes it", () => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const server of open.splice(0)) await server.close();
  });

  it('vLLM: /v1/models max_model_len', async () => {
    const server = await serverWith({ 'GET /v1/models': { object: 'list', data: [{ id: 'Qwen/Qwen3-8B', object: 'model', max_model_len: 32768 }] } });
    open.push(server);
    expect(await probeModelContext(server.baseURL, 'Qwen/Qwen3-8B')).toEqual({ server: 'vllm', contextTokens: 32768, source: '/v1/models max_model_len' });
  });

  it('llama.cpp: /props n_ctx, with a warning when it is too small', async () => {
    const server = await serverWith({ 'GET /v1/models': { object: 'list', data: [{ id: 'model.gguf', meta: { n_ctx_train: 131072 } }] }, 'GET /props': { default_generation_settings: { n_ctx: 4096 }, total_slots: 1 } });
    open.push(server);
    const report = await probeModelContext(server.baseURL, 'model.gguf');
    expect(report).toMatchObject({ server: 'llama.cpp', contextTokens: 4096 });
    expect(report.warning).toMatch(/4096 tokens is less than this app needs.*llama-server with -c 16384/);
  });

  it('Ollama: the loaded model from /api/ps, else num_ctx, else the advice about OLLAMA_CONTEXT_LENGTH', async () => {
    const show = { parameters: 'stop "<|im_end|>"\nnum_ctx 16384', model_info: { 'qwen3.context_length': 40960 } };
    const loaded = await serverWith({ 'POST /api/show': show, 'GET /api/ps': { models: [{ name: 'qwen3:8b', model: 'qwen3:8b', context_length: 4096 }] } });
    open.push(loaded);
    expect(await probeModelContext(loaded.baseURL, 'qwen3:8b')).toMatchObject({ server: 'ollama', contextTokens: 4096, modelMaxTokens: 40960, warning: expect.stringMatching(/OLLAMA_CONTEXT_LENGTH=16384/) });
    const modelfile = await serverWith({ 'POST /api/show': show, 'GET /api/ps': { models: [] } });
    open.push(modelfile);
    expect(await probeModelContext(modelfile.baseURL, 'qwen3:8b')).toEqual({ server: 'ollama', modelMaxTokens: 40960, contextTokens: 16384, source: '/api/show num_ctx (Modelfile)' });
    const plain = await serverWith({ 'POST /api/show': { parameters: '', model_info: { 'llama.context_length': 131072 } } });
    open.push(plain);
    expect((await probeModelContext(plain.baseURL, 'llama3.1')).warning).toMatch(/OLLAMA_CONTEXT_LENGTH/);
  });

  it('`doctor` on a session with a compatible server carries the modelContext section', async () => {
    const server = await serverWith({ 'GET /v1/models': { data: [{ id: 'm', max_model_len: 8192 }] } });
    open.push(server);
    const sandbox = await startTestSandbox();
    const { model, info, probeContext } = await selectModel('openai:m', { OPENAI_BASE_URL: server.baseURL });
    const fixture = createTestSession(sandbox.url, model, { modelInfo: info, ...(probeContext ? { probeModelContext: probeContext } : {}) });
    const report = await fixture.session.doctor();
    expect(report.modelContext).toEqual({ server: 'vllm', contextTokens: 8192, source: '/v1/models max_model_len' });
    await fixture.session.close();
    await sandbox.close();
  });
});
