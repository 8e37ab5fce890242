import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { peakRssKib, REPO_ROOT } from '../helpers/app-process.js';
import { startSandboxProcess, type SandboxProcess } from '../helpers/sandbox-process.js';
import type { BenchLine } from './bench-report.js';
import { benchTempDir, progress } from './bench-environment.js';

/** The goal: the sandbox keeps at least half the request rate of a bare node:http server. */
const THROUGHPUT_GOAL_SHARE = 0.5;
export const CONCURRENCY_LEVELS = [1, 10, 50] as const;
const WARM_UP_CONNECTIONS = 10;

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/**
 * The baseline: node:http reading and parsing the same JSON-RPC body and answering the reply the sandbox gave for
 * that method/tool (captured once), with no MCP, zod or SQLite behind it.
 */
const BARE_SERVER_SCRIPT = `
const http = require('node:http');
const replies = JSON.parse(process.env.BENCH_REPLIES);
const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let message = null;
    try { message = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch {}
    const text = replies[(message && message.params && message.params.name) || (message && message.method) || ''] || replies['tools/list'];
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write('port ' + server.address().port + '\\n'));
`;

interface BareServer {
  url: string;
  pid: number;
  child: ChildProcess;
}

function startBareServer(replies: Record<string, string>): Promise<BareServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', BARE_SERVER_SCRIPT], { cwd: REPO_ROOT, env: { ...process.env, BENCH_REPLIES: JSON.stringify(replies) }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout?.on('data', (chunk: Buffer) => {
      const port = /port (\d+)/.exec(chunk.toString('utf8'))?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}/mcp`, pid: child.pid ?? -1, child });
    });
    child.on('exit', (code) => reject(new Error(`bare server exited (${code})`)));
  });
}

async function rpc(url: string, body: unknown, key?: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { ...JSON_HEADERS, ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) });
  return response.text();
}

const toolCall = (name: string, args: Record<string, unknown>) => ({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });

/** Codes the sandbox process wrote to its outbox, indexed by address; reads only files it has not seen. */
class OutboxIndex {
  private readonly codes = new Map<string, string>();
  private readonly seen = new Set<string>();
  constructor(private readonly directory: string) {}

  codeFor(email: string): string | undefined {
    if (!this.codes.has(email)) this.refresh();
    return this.codes.get(email);
  }

  private refresh(): void {
    let names: string[] = [];
    try {
      names = fs.readdirSync(this.directory);
    } catch {
      return;
    }
    for (const name of names) {
      if (this.seen.has(name) || !name.endsWith('.eml')) continue;
      this.seen.add(name);
      const text = fs.readFileSync(path.join(this.directory, name), 'utf8');
      const to = /^To: (.+?)\r?$/m.exec(text)?.[1];
      const code = /^X-FavCRM-Code: (\d{6})\r?$/m.exec(text)?.[1];
      if (to && code) this.codes.set(to, code);
    }
  }
}

export interface LoadCell {
  scenario: string;
  server: 'sandbox' | 'bare';
  connections: number;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Transport errors, non-2xx answers and tool results with isError (a benchmark of failures proves nothing). */
  failures: number;
}

interface Scenario {
  name: string;
  /** Requests per cell (a signup pair is two). */
  amount: number;
  requests: (server: 'sandbox' | 'bare', onFailure: () => void) => autocannon.Request[];
}

/** autocannon only notices the end on a sampling tick; a short tick keeps small runs from being padded to 1 s. */
const SAMPLE_INTERVAL_MS = 25;

async function runCell(url: string, scenario: Scenario, server: 'sandbox' | 'bare', connections: number): Promise<LoadCell> {
  let failures = 0;
  let lastResponseAt = 0;
  // The clock runs from the start to the last response, not to autocannon's end-of-run tick.
  const requests = scenario.requests(server, () => (failures += 1)).map((request): autocannon.Request => ({
    ...request,
    onResponse: (status, body, context, headers) => {
      lastResponseAt = performance.now();
      if (typeof request.onResponse === 'function') request.onResponse(status, body, context, headers);
    },
  }));
  const started = performance.now();
  const result = await autocannon({ url, connections, amount: scenario.amount, timeout: 60, sampleInt: SAMPLE_INTERVAL_MS, requests });
  const seconds = ((lastResponseAt || performance.now()) - started) / 1000;
  failures += result.errors + result.non2xx;
  return {
    scenario: scenario.name,
    server,
    connections,
    requests: result.requests.total,
    seconds,
    requestsPerSecond: result.requests.total / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures,
  };
}

/**
 * Requests/s and latency of the sandbox process against a bare node:http server, for a read tool and for the
 * signup request/verify pair, at 1, 10 and 50 concurrent clients (autocannon, fixed request counts). Ends with the
 * peak RSS of both servers.
 */
export async function benchSandboxLoad(options: { readRequests: number; signupPairs: number }): Promise<{ lines: BenchLine[]; cells: LoadCell[] }> {
  const dataDir = benchTempDir('load');
  const sandbox: SandboxProcess = await startSandboxProcess({ dataDir });
  const outbox = new OutboxIndex(path.join(dataDir, 'outbox'));
  let bare: BareServer | null = null;
  try {
    // One real signup for the Bearer key, and the replies the bare server will send back.
    const requestReply = await rpc(sandbox.url, toolCall('register_organisation_request', { email: 'load@bench.test', organisationName: 'Load Bench' }));
    const requestId = (JSON.parse(requestReply) as { result: { structuredContent: { data: { requestId: string } } } }).result.structuredContent.data.requestId;
    const verifyReply = await rpc(sandbox.url, toolCall('register_organisation_verify', { requestId, code: outbox.codeFor('load@bench.test') }));
    const apiKey = (JSON.parse(verifyReply) as { result: { structuredContent: { data: { apiKey: string } } } }).result.structuredContent.data.apiKey;
    await rpc(sandbox.url, toolCall('create_service', { name: 'Yoga class', durationMinutes: 60, price: 150 }), apiKey);
    const listReply = await rpc(sandbox.url, toolCall('list_services', {}), apiKey);
    if (!listReply.includes('Yoga class')) throw new Error(`list_services did not work: ${listReply}`);
    const replies = {
      list_services: listReply,
      register_organisation_request: requestReply,
      register_organisation_verify: verifyReply,
      'tools/list': await rpc(sandbox.url, { jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    };
    bare = await startBareServer(replies);

    let emailCounter = 0;
    const scenarios: Scenario[] = [
      {
        name: 'list_services (tools/call, Bearer)',
        amount: options.readRequests,
        requests: (_server, onFailure) => [
          {
            method: 'POST',
            headers: { ...JSON_HEADERS, authorization: `Bearer ${apiKey}` },
            body: JSON.stringify(toolCall('list_services', {})),
            onResponse: (status, body) => {
              if (status !== 200 || body.includes('"isError":true')) onFailure();
            },
          },
        ],
      },
      {
        name: 'signup request + verify pair',
        amount: options.signupPairs * 2,
        requests: (server, onFailure) => [
          {
            method: 'POST',
            headers: JSON_HEADERS,
            setupRequest: (request, context: { email?: string }) => {
              emailCounter += 1;
              context.email = `load${emailCounter}.${process.pid}@bench${emailCounter % 13}.test`;
              return { ...request, body: JSON.stringify(toolCall('register_organisation_request', { email: context.email, organisationName: `Load ${emailCounter}` })) };
            },
            onResponse: (status, body, context: { requestId?: string }) => {
              try {
                context.requestId = (JSON.parse(body) as { result: { structuredContent: { data: { requestId: string } } } }).result.structuredContent.data.requestId;
              } catch {
                onFailure();
              }
            },
          },
          {
            method: 'POST',
            headers: JSON_HEADERS,
            setupRequest: (request, context: { email?: string; requestId?: string }) => {
              // The bare server has no outbox; its verify reply is canned, so any code will do.
              const code = server === 'sandbox' ? outbox.codeFor(context.email ?? '') : '000000';
              return { ...request, body: JSON.stringify(toolCall('register_organisation_verify', { requestId: context.requestId, code })) };
            },
            onResponse: (status, body) => {
              if (status !== 200 || body.includes('"isError":true')) onFailure();
            },
          },
        ],
      },
    ];

    const cells: LoadCell[] = [];
    for (const scenario of scenarios) {
      // Unrecorded warm-up of both servers: a throughput figure is the steady state, not V8 compiling and
      // optimising the first few hundred requests (which halved the sandbox's figure at one client).
      await runCell(bare.url, scenario, 'bare', WARM_UP_CONNECTIONS);
      await runCell(sandbox.url, scenario, 'sandbox', WARM_UP_CONNECTIONS);
      for (const connections of CONCURRENCY_LEVELS) {
        const baseline = await runCell(bare.url, scenario, 'bare', connections);
        const measured = await runCell(sandbox.url, scenario, 'sandbox', connections);
        cells.push(baseline, measured);
        progress(`  load ${scenario.name} × ${connections}: sandbox ${Math.round(measured.requestsPerSecond)} req/s (p99 ${measured.p99Ms} ms), bare ${Math.round(baseline.requestsPerSecond)} req/s, failures ${measured.failures}`);
      }
    }

    const lines: BenchLine[] = [];
    for (const scenario of scenarios) {
      for (const connections of CONCURRENCY_LEVELS) {
        const measured = cells.find((cell) => cell.scenario === scenario.name && cell.server === 'sandbox' && cell.connections === connections);
        const baseline = cells.find((cell) => cell.scenario === scenario.name && cell.server === 'bare' && cell.connections === connections);
        if (!measured || !baseline) continue;
        const share = measured.requestsPerSecond / baseline.requestsPerSecond;
        const label = `sandbox: ${scenario.name}, ${connections} client${connections === 1 ? '' : 's'}`;
        lines.push({
          section: 'sandbox',
          figure: label,
          value: measured.requestsPerSecond,
          unit: 'req/s',
          baseline: baseline.requestsPerSecond,
          baselineLabel: 'bare node:http',
          ratio: share,
          goal: `≥ ${THROUGHPUT_GOAL_SHARE * 100}%`,
          pass: share >= THROUGHPUT_GOAL_SHARE && measured.failures === 0,
          detail: `${measured.requests} requests in ${measured.seconds.toFixed(1)} s; failures ${measured.failures}`,
        });
        for (const [name, key] of [['p50', 'p50Ms'], ['p99', 'p99Ms']] as const) {
          lines.push({
            section: 'sandbox',
            figure: `  ${name} latency`,
            value: measured[key],
            unit: 'ms',
            baseline: baseline[key],
            baselineLabel: 'bare',
            ratio: baseline[key] > 0 ? measured[key] / baseline[key] : null,
            goal: 'info',
            pass: null,
          });
        }
      }
    }

    const sandboxPeak = peakRssKib(sandbox.pid);
    const barePeak = peakRssKib(bare.pid);
    if (sandboxPeak !== null && barePeak !== null) {
      lines.push({
        section: 'memory',
        figure: 'memory: sandbox process peak RSS after the load',
        value: sandboxPeak / 1024,
        unit: 'MiB',
        baseline: barePeak / 1024,
        baselineLabel: 'bare node:http, same load',
        ratio: sandboxPeak / barePeak,
        goal: 'info',
        pass: null,
        detail: `VmHWM of \`favcrm-chat sandbox\` after ${cells.filter((cell) => cell.server === 'sandbox').reduce((sum, cell) => sum + cell.requests, 0)} requests`,
      });
    }
    return { lines, cells };
  } finally {
    bare?.child.kill();
    await sandbox.stop();
  }
}
