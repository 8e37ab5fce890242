import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/agent-fixture.js';
import { startSandboxProcess, type SandboxProcess } from '../helpers/sandbox-process.js';
import { SeededRandom } from '../helpers/seeded-random.js';
import { generateCase, type CatalogueTool, type FuzzCase } from './json-rpc-fuzz-cases.js';

/** Reproducible: FUZZ_SEED=<n> replays another run; the default is fixed so CI sees the same cases every time. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_302);
/** A few thousand cases in well under 20 s on a 2-core box. */
const CASES = Number(process.env.FUZZ_CASES ?? 2_500);
const PARALLEL = 8;

/** Statuses the sandbox documents: JSON-RPC at 200, 202 for notifications, and its JSON 4xx refusals. */
const DOCUMENTED_STATUSES = new Set([200, 202, 400, 401, 403, 404, 405, 406, 413, 415]);

interface RawReply {
  status: number;
  contentType: string;
  text: string;
}

function send(url: URL, agent: http.Agent, fuzzCase: FuzzCase): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, method: fuzzCase.method, path: fuzzCase.path, headers: fuzzCase.headers, agent, timeout: 15_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('no answer within 15 s')));
    request.on('error', reject);
    request.end(fuzzCase.body ?? undefined);
  });
}

/** Everything wrong with one reply, as sentences (empty = well-formed). */
function problemsWith(fuzzCase: FuzzCase, reply: RawReply): string[] {
  const problems: string[] = [];
  if (reply.status >= 500) problems.push(`HTTP ${reply.status}`);
  else if (!DOCUMENTED_STATUSES.has(reply.status)) problems.push(`undocumented HTTP ${reply.status}`);
  if (/\n\s+at \S+ \(|node_modules|\.ts:\d+:\d+/.test(reply.text)) problems.push('stack trace or source path in the body');
  if (/<html|<!doctype/i.test(reply.text)) problems.push('HTML body');
  if (reply.text === '') {
    if (reply.status !== 202 && fuzzCase.method !== 'HEAD') problems.push(`empty body with HTTP ${reply.status}`);
    return problems;
  }
  if (!reply.contentType.includes('application/json')) problems.push(`Content-Type ${reply.contentType || '(none)'}`);
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    problems.push('body is not JSON');
    return problems;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    problems.push('body is not one JSON object');
    return problems;
  }
  const record = body as Record<string, unknown>;
  const isMcp = fuzzCase.path === '/mcp' || fuzzCase.path === '/mcp/' || fuzzCase.path.startsWith('/mcp?');
  if (!isMcp) {
    // The documented non-MCP shapes: the server card / index (200), and {error:{code,message}} for anything else.
    if (reply.status === 404) {
      const error = record.error as Record<string, unknown> | undefined;
      if (typeof error?.code !== 'string' || typeof error.message !== 'string') problems.push('404 without {error:{code,message}}');
    } else if (reply.status !== 200 && !('jsonrpc' in record)) problems.push(`HTTP ${reply.status} outside /mcp with an undocumented body`);
    return problems;
  }
  if (record.jsonrpc !== '2.0') problems.push('jsonrpc is not "2.0"');
  const hasResult = 'result' in record;
  const hasError = 'error' in record;
  if (hasResult === hasError) problems.push('needs exactly one of result and error');
  if (hasError) {
    const error = record.error as Record<string, unknown> | null;
    if (!error || !Number.isInteger(error.code)) problems.push('error.code is not an integer');
    if (!error || typeof error.message !== 'string' || error.message === '') problems.push('error.message is not a non-empty string');
  }
  if (hasResult && reply.status !== 200) problems.push(`a result with HTTP ${reply.status}`);
  // A 413 is answered before the body is parsed, so it cannot know the id.
  if (fuzzCase.expectedId !== undefined && reply.status !== 413 && record.id !== fuzzCase.expectedId) problems.push(`id ${JSON.stringify(record.id)} instead of ${fuzzCase.expectedId}`);
  const result = record.result as { content?: unknown; isError?: boolean; structuredContent?: { error?: { code?: unknown; message?: unknown } } } | undefined;
  if (result && fuzzCase.expectedId !== undefined) {
    if (!Array.isArray(result.content)) problems.push('tools/call result without content[]');
    if (result.isError && (typeof result.structuredContent?.error?.code !== 'string' || typeof result.structuredContent.error.message !== 'string')) {
      problems.push('isError result without structuredContent.error {code,message}');
    }
  }
  return problems;
}

async function signUp(sandbox: SandboxProcess): Promise<string> {
  const post = async (name: string, args: Record<string, unknown>) => {
    const response = await fetch(sandbox.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }) });
    const body = (await response.json()) as { result: { structuredContent: { data: Record<string, string> } } };
    return body.result.structuredContent.data;
  };
  const email = `fuzz${Date.now()}@fuzz.test`;
  const request = await post('register_organisation_request', { email, organisationName: 'Fuzz Works' });
  const code = sandbox.outbox.list().find((entry) => entry.to === email)?.code;
  const verified = await post('register_organisation_verify', { requestId: request.requestId, code });
  if (!verified.apiKey) throw new Error('signup for the fuzz key failed');
  return verified.apiKey;
}

describe(`JSON-RPC fuzz: ${CASES} seeded cases (seed ${SEED})`, () => {
  let sandbox: SandboxProcess;
  let agent: http.Agent;
  beforeAll(async () => {
    sandbox = await startSandboxProcess({ dataDir: tempDir('fuzz'), quiet: false });
    agent = new http.Agent({ keepAlive: true, maxSockets: PARALLEL });
  });
  afterAll(async () => {
    agent.destroy();
    await sandbox.stop();
  });

  it('never crashes, never answers 5xx or a stack trace, and every answer is well-formed', async () => {
    const url = new URL(sandbox.url);
    const apiKey = await signUp(sandbox);
    const listing = (await (await fetch(sandbox.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' })).json()) as { result: { tools: CatalogueTool[] } };
    const context = { random: new SeededRandom(SEED), tools: listing.result.tools, apiKey };
    const cases = Array.from({ length: CASES }, (_unused, index) => generateCase(context, index));

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let index = next++; index < cases.length; index = next++) {
        const fuzzCase = cases[index] as FuzzCase;
        try {
          const reply = await send(url, agent, fuzzCase);
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
          const problems = problemsWith(fuzzCase, reply);
          if (problems.length) failures.push(`${fuzzCase.label}: ${problems.join('; ')} — HTTP ${reply.status} ${reply.text.slice(0, 300)}`);
        } catch (error) {
          // The server may close a connection it refuses (oversize body); anything else is a failure.
          const message = error instanceof Error ? error.message : String(error);
          if (!(fuzzCase.body && fuzzCase.body.length > 1_000_000 && /ECONNRESET|EPIPE|socket hang up/.test(message))) failures.push(`${fuzzCase.label}: request failed: ${message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));

    const kinds = new Map<string, number>();
    for (const failure of failures) {
      const kind = failure.replace(/^#\d+ /, '').replace(/ — HTTP.*$/s, '').replace(/"[^"]*"/g, '…').slice(0, 160);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    expect([...kinds].slice(0, 15), `${failures.length} bad answers, e.g. ${failures.slice(0, 5).join('\n')}`).toEqual([]);
    expect(failures.slice(0, 20), `${failures.length} bad answers; status counts ${JSON.stringify([...statuses])}`).toEqual([]);
    expect(sandbox.running()).toBe(true);
    expect(sandbox.output()).not.toMatch(/Internal error on request/);
    // Most cases must reach the tool handlers rather than bounce off one early check.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(CASES / 2);

    // Still healthy: the catalogue and an authenticated call with the same key.
    const after = await fetch(sandbox.url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` }, body: JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'tools/call', params: { name: 'list_my_companies', arguments: {} } }) });
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ id: 99, result: { structuredContent: { data: { items: [{ name: 'Fuzz Works' }] } } } });
  });
});
