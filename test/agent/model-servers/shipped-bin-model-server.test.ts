import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../src/sandbox/start-sandbox.js';
import { startTestSandbox } from '../../helpers/agent-fixture.js';
import { isolatedEnvironment, runCli } from '../../helpers/spawn-cli.js';
import { thinkInContent, vllm } from './dialects.js';
import { DONE, sse, startReplayServer, type ReplayServer } from './replay-server.js';
import { signupBrain } from './signup-brain.js';

/** The shipped bin (dist bundle) with OPENAI_BASE_URL: the compatible provider and the transport are in the bundle. */
describe('the shipped bin against a model server', () => {
  let sandbox: RunningSandbox | undefined;
  let server: ReplayServer | undefined;
  afterEach(async () => {
    await server?.close();
    await sandbox?.close();
    sandbox = server = undefined;
  });

  it('a vLLM reasoning stream and a <think> answer: the request goes out, thinking never reaches stdout', async () => {
    sandbox = await startTestSandbox();
    server = await startReplayServer((body, index) => ({ frames: (index === 0 ? vllm : thinkInContent)(signupBrain(body), index) }));
    const { env } = isolatedEnvironment({ OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'Qwen/Qwen3-8B' });
    const result = await runCli(['--headless', '--yes', '--url', sandbox.url], env, 'Sign me up: Moon Cafe in Kyoto, owner@moon-cafe.jp\n');
    expect(result.stdout).toContain('I sent a 6-digit code to your inbox');
    expect(result.stdout + result.stderr).not.toMatch(/<think>|must not reveal|tools can do it/);
    expect(server.requests[0]?.body.model).toBe('Qwen/Qwen3-8B');
    expect(server.requests[0]?.body.stream_options).toEqual({ include_usage: true });
  });

  it('a server that stalls after its first token: the idle timeout, named, and exit code 1', async () => {
    sandbox = await startTestSandbox();
    const first = sse({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'Let me ' }, finish_reason: null }] });
    server = await startReplayServer(() => ({ frames: [first, { stall: true }, DONE] }));
    const { env } = isolatedEnvironment({ OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'm', FAVCRM_CHAT_MODEL_IDLE_TIMEOUT_MS: '300' });
    const result = await runCli(['--headless', '--url', sandbox.url], env, 'hello\n');
    expect(result.stdout + result.stderr).toMatch(/stopped sending for 300 ms in the middle of its answer \(idle timeout\)/);
    expect(result.code).toBe(1);
    expect(await server.requests[0]?.closed).toBe('client-closed');
  });
});
