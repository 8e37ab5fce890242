import type { SeededRandom } from '../helpers/seeded-random.js';

/** One generated HTTP request against the sandbox. */
export interface FuzzCase {
  /** What was generated, for the failure message (the seed and index reproduce it). */
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
  /** The JSON-RPC id a reply must echo, when the request carried a valid one and reached JSON-RPC handling. */
  expectedId?: string | number;
}

/** A tool as tools/list describes it (just what the generator reads). */
export interface CatalogueTool {
  name: string;
  inputSchema: { properties?: Record<string, { type?: string; enum?: unknown[]; format?: string }>; required?: string[] };
}

export interface FuzzContext {
  random: SeededRandom;
  tools: readonly CatalogueTool[];
  /** A working key (so tool handlers, not just auth, see the junk). */
  apiKey: string;
}

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };

/** Strings that have broken parsers, loggers and SQL layers before. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u001f',
  '\ud800',
  '\udfff\ud800',
  '😀'.repeat(50),
  '\u202e\u2066evil',
  'Z\u0351\u0363\u0313a\u0300\u0301l\u0338go',
  '普通话 廣東話 日本語 한국어 العربية עברית',
  "'; DROP TABLE companies; --",
  '" OR 1=1 --',
  '%s%s%s%n',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  'NaN',
  '-0',
  '1e309',
  '\r\nX-Injected: 1',
  'a'.repeat(10_000),
  'é'.repeat(3_000),
];

const WEIRD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.000001,
  2 ** 53 + 1,
  1e308,
  -1e308,
  [],
  [1, 'a', null],
  {},
  { nested: { deeper: [{}] } },
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  { constructor: { prototype: { polluted: true } } },
];

const METHODS = [
  'tools/list',
  'tools/call',
  'initialize',
  'ping',
  'resources/list',
  'resources/read',
  'prompts/list',
  'prompts/get',
  'completion/complete',
  'logging/setLevel',
  'notifications/initialized',
  'notifications/cancelled',
  'sampling/createMessage',
  'tools/List',
  'tools/call ',
  'TOOLS/CALL',
  'rpc.discover',
  '__proto__',
  'constructor',
  'toString',
  '',
  '/',
  '工具/列表',
];

function nastyString(random: SeededRandom): string {
  // Rare: a few huge strings per run are enough to find a missing length limit; many would only slow the run.
  if (random.chance(0.01)) return random.pick(['a', '💥', 'x\u0000y']).repeat(random.int(20_000, 200_000));
  return random.pick(NASTY_STRINGS);
}

function weirdValue(random: SeededRandom): unknown {
  return random.chance(0.5) ? nastyString(random) : random.pick(WEIRD_VALUES);
}

/** A value of the wrong kind for a property of this JSON Schema type. */
function wrongTypeFor(type: string | undefined, random: SeededRandom): unknown {
  switch (type) {
    case 'string':
      return random.pick<unknown>([123, true, null, ['a'], { a: 1 }, 1.5]);
    case 'integer':
      return random.pick<unknown>([1.5, '12', -1, 0, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, null, '', true, []]);
    case 'number':
      return random.pick<unknown>(['1', -1e308, 1e308, null, {}, true]);
    case 'boolean':
      return random.pick<unknown>(['true', 1, 0, null, 'yes']);
    case 'array':
      return random.pick<unknown>(['a,b', {}, 1, [[[[]]]], Array.from({ length: 5_000 }, (_unused, index) => index)]);
    case 'object':
      return random.pick<unknown>([[], 'x', 1, null]);
    default:
      return weirdValue(random);
  }
}

/** A value that passes the type but probably not the rules (lengths, enums, formats, ranges). */
function edgeValueFor(property: { type?: string; enum?: unknown[]; format?: string }, random: SeededRandom): unknown {
  if (property.enum) return random.pick<unknown>([...property.enum, 'not-in-enum', '', String(property.enum[0]).toUpperCase()]);
  if (property.format === 'email') return random.pick(['a@b', '@x.com', 'a@b.c', 'x'.repeat(300) + '@x.com', 'me@例子.测试', 'ok@example.com']);
  if (property.format === 'date-time') return random.pick(['2026-13-45T99:99:99Z', 'yesterday', '0000-00-00', '2026-03-02T09:00:00Z', '9999-12-31T23:59:59Z']);
  if (property.format === 'uri') return random.pick(['javascript:alert(1)', 'not a url', 'http://', 'https://example.com/x']);
  switch (property.type) {
    case 'string':
      return nastyString(random);
    case 'integer':
    case 'number':
      return random.pick([0, -1, 1, 2 ** 31 - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0.1]);
    case 'boolean':
      return random.chance(0.5);
    case 'array':
      return random.pick<unknown>([[], [nastyString(random)], [1, 2, 3], Array.from({ length: 200 }, () => 'x')]);
    default:
      return weirdValue(random);
  }
}

/** Arguments for one tool: each property kept plausible, made wrong, made extreme, or dropped. */
function mutatedArguments(tool: CatalogueTool, random: SeededRandom): unknown {
  if (random.chance(0.05)) return random.pick<unknown>([null, [], 'args', 42]);
  const args: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(tool.inputSchema.properties ?? {})) {
    const roll = random.next();
    if (roll < 0.25) continue;
    args[name] = roll < 0.55 ? wrongTypeFor(property.type, random) : edgeValueFor(property, random);
  }
  if (random.chance(0.2)) args[random.pick(['extra', '__proto__', 'constructor', '', '💥'])] = weirdValue(random);
  return args;
}

function encode(message: unknown): Buffer {
  return Buffer.from(JSON.stringify(message), 'utf8');
}

function toolCallCase(context: FuzzContext, index: number): FuzzCase {
  const { random } = context;
  const known = random.chance(0.9);
  const tool = random.pick(context.tools);
  const name = known ? tool.name : nastyString(random);
  const id = index + 1;
  const auth = random.next();
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (auth < 0.7) headers.Authorization = `Bearer ${context.apiKey}`;
  else if (auth < 0.8) headers.Authorization = `Bearer fav_mcp_${'x'.repeat(40)}`;
  else if (auth < 0.85) headers.Authorization = random.pick(['Bearer', 'Basic Zm9vOmJhcg==', `Bearer ${context.apiKey} extra`, 'bearer  ', `Bearer ${'k'.repeat(8_000)}`]);
  return {
    label: `tools/call ${JSON.stringify(name.slice(0, 40))} (${auth < 0.7 ? 'key' : 'other auth'})`,
    method: 'POST',
    path: '/mcp',
    headers,
    body: encode({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: mutatedArguments(tool, random) } }),
    expectedId: id,
  };
}

function envelopeCase(context: FuzzContext, index: number): FuzzCase {
  const { random } = context;
  const message: Record<string, unknown> = { jsonrpc: '2.0', id: index + 1, method: random.pick(METHODS), params: {} };
  const mutations = random.int(1, 3);
  for (let step = 0; step < mutations; step += 1) {
    const field = random.pick(['jsonrpc', 'id', 'method', 'params', 'extra', 'delete']);
    if (field === 'delete') delete message[random.pick(['jsonrpc', 'id', 'method', 'params'])];
    else if (field === 'id') message.id = random.pick<unknown>([null, '', 'abc', 0, -5, 1.25, 1e300, {}, [], true, 'x'.repeat(5_000)]);
    else if (field === 'jsonrpc') message.jsonrpc = random.pick<unknown>(['1.0', '2', 2, 2.0, null, '', '2.0 ']);
    else if (field === 'method') message.method = random.chance(0.5) ? random.pick(METHODS) : weirdValue(random);
    else if (field === 'params') message.params = random.chance(0.5) ? weirdValue(random) : { name: random.pick(context.tools).name, arguments: weirdValue(random), _meta: weirdValue(random) };
    else message[random.pick(['result', 'error', 'extra', '__proto__'])] = weirdValue(random);
  }
  return { label: `envelope ${JSON.stringify(message).slice(0, 120)}`, method: 'POST', path: '/mcp', headers: { ...JSON_HEADERS, Authorization: `Bearer ${context.apiKey}` }, body: encode(message) };
}

function rawBodyCase(context: FuzzContext): FuzzCase {
  const { random } = context;
  const valid = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
  const depth = random.int(1_000, 100_000);
  const bodies: Array<() => Buffer> = [
    () => Buffer.from(valid.slice(0, random.int(0, valid.length - 1))),
    () => Buffer.from(random.pick(['', ' ', 'null', 'true', '0', '"tools/list"', '[]', '{}', '[[]]', 'NaN', 'undefined', '{"a":1,}', "{'jsonrpc':'2.0'}", '/* c */ {}'])),
    () => Buffer.from(`[${Array.from({ length: random.int(1, 50) }, (_unused, index) => JSON.stringify({ jsonrpc: '2.0', id: index, method: 'tools/list' })).join(',')}]`),
    () => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`),
    () => Buffer.from(`{"jsonrpc":"2.0","id":1,"method":"tools/list","params":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`),
    () => Buffer.from(Array.from({ length: random.int(1, 2_000) }, () => random.int(0, 255))),
    () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid)]),
    () => Buffer.concat([Buffer.from('{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"x":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}}')]),
    () => Buffer.from(`${valid}${valid}`),
    () => Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(random.chance(0.5) ? 1_048_000 : 1_100_000) } })),
  ];
  const body = random.pick(bodies)();
  const headers: Record<string, string> = random.chance(0.3) ? { 'Content-Type': random.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', '']) } : { ...JSON_HEADERS };
  return { label: `raw body (${body.length} bytes) ${JSON.stringify(body.subarray(0, 60).toString('latin1'))}`, method: 'POST', path: '/mcp', headers, body };
}

function httpCase(context: FuzzContext): FuzzCase {
  const { random } = context;
  const variants: Array<() => FuzzCase> = [
    () => ({ label: 'GET /mcp', method: random.pick(['GET', 'DELETE', 'PUT', 'PATCH', 'OPTIONS']), path: '/mcp', headers: {}, body: null }),
    () => ({ label: 'unknown path', method: random.pick(['GET', 'POST']), path: random.pick(['/nope', '/mcp/extra', '/%2e%2e/%2e%2e/etc/passwd', '/.well-known/', `/${'a'.repeat(5_000)}`, '/mcp?x=1', '//mcp']), headers: { ...JSON_HEADERS }, body: null }),
    () => ({ label: 'foreign Host', method: 'POST', path: '/mcp', headers: { ...JSON_HEADERS, Host: random.pick(['evil.example', 'favcrm.io:8765', '127.0.0.1.evil.example']) }, body: encode({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) }),
    () => ({ label: 'foreign Origin', method: 'POST', path: '/mcp', headers: { ...JSON_HEADERS, Origin: random.pick(['https://evil.example', 'null', 'file://']) }, body: encode({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) }),
    () => ({ label: 'server card', method: random.pick(['GET', 'HEAD']), path: '/.well-known/mcp/server-card.json', headers: {}, body: null }),
    () => ({ label: 'odd headers', method: 'POST', path: '/mcp', headers: { 'Content-Type': 'application/json', Accept: random.pick(['text/html', '*/*', 'application/xml', '']), 'Mcp-Session-Id': nastyString(random).replace(/[^\x21-\x7e]/g, '').slice(0, 200) || 'x', 'MCP-Protocol-Version': random.pick(['1999-01-01', 'latest', '2025-06-18']) }, body: encode({ jsonrpc: '2.0', id: 7, method: 'tools/list' }) }),
  ];
  return random.pick(variants)();
}

/** The `index`-th case for this seed: mostly tool calls with bad arguments, then bad envelopes, raw bodies and HTTP oddities. */
export function generateCase(context: FuzzContext, index: number): FuzzCase {
  const roll = context.random.next();
  const generated = roll < 0.55 ? toolCallCase(context, index) : roll < 0.8 ? envelopeCase(context, index) : roll < 0.95 ? rawBodyCase(context) : httpCase(context);
  return { ...generated, label: `#${index} ${generated.label}` };
}
