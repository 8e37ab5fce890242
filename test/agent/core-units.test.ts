import { describe, expect, it } from 'vitest';
import { bulkPreview, describeApproval } from '../../src/agent/approval/approval-card.js';
import { decideToolCall } from '../../src/agent/approval/approval-policy.js';
import { CODE_PLACEHOLDER, maskLoneCode, maskVerificationCode } from '../../src/agent/code-guard.js';
import { summariseFailure } from '../../src/agent/failure-summary.js';
import { buildSystemPrompt } from '../../src/agent/prompts.js';
import type { McpToolInfo } from '../../src/mcp/favcrm-connection.js';
import { resolveEndpoint } from '../../src/mcp/endpoint.js';
import { exposedToolNames, BOOTSTRAP_TOOL_NAMES, MAX_LOADED_TOOLS, rememberLoadedTools } from '../../src/mcp/tool-exposure.js';

const tool = (name: string, annotations: McpToolInfo['annotations']): McpToolInfo => ({ name, title: name, description: `${name} summary`, inputSchema: {}, annotations });

describe('endpoint resolution (contract §1.5, sandbox instead of production)', () => {
  it('follows --url > FAVCRM_MCP_URL > FAVCRM_API_BASE > saved URL > embedded sandbox', () => {
    const env = { FAVCRM_MCP_URL: 'https://env.example/mcp', FAVCRM_API_BASE: 'https://base.example/' };
    expect(resolveEndpoint({ urlFlag: 'https://flag.example/mcp', env })).toMatchObject({ kind: 'remote', url: 'https://flag.example/mcp' });
    expect(resolveEndpoint({ env })).toMatchObject({ kind: 'remote', url: 'https://env.example/mcp' });
    expect(resolveEndpoint({ env: { FAVCRM_API_BASE: 'https://base.example/' } })).toMatchObject({ url: 'https://base.example/mcp' });
    expect(resolveEndpoint({ env: {}, storedUrl: 'https://api.favcrm.io/mcp' })).toMatchObject({ kind: 'remote', url: 'https://api.favcrm.io/mcp' });
    expect(resolveEndpoint({ env: {}, storedUrl: 'http://127.0.0.1:9123/mcp' })).toMatchObject({ kind: 'embedded', preferredPort: 9123 });
    expect(resolveEndpoint({ env: { FAVCRM_SANDBOX_PORT: '0' }, storedUrl: 'http://127.0.0.1:9123/mcp' })).toMatchObject({ preferredPort: 9123 });
    expect(resolveEndpoint({ env: {} })).toMatchObject({ kind: 'embedded', preferredPort: 8765 });
    expect(resolveEndpoint({ env: { FAVCRM_SANDBOX_PORT: '0' } })).toMatchObject({ kind: 'embedded', preferredPort: 0 });
  });
});

describe('approval gate', () => {
  /** Why a call would wait for a yes, or null when it runs unasked. */
  const approvalReaches = (info: McpToolInfo, args: Record<string, unknown>) => {
    const decision = decideToolCall(info, args);
    return decision.kind === 'ask' ? decision.reaches : decision.kind === 'run' ? null : decision.message;
  };

  it('asks for destructive and open-world tools, treats missing hints as the MCP defaults, and gates only confirmed Stripe links', () => {
    expect(approvalReaches(tool('list_services', { readOnlyHint: true, openWorldHint: false }), {})).toBeNull();
    // The MCP default for a missing openWorldHint is true, read-only or not.
    expect(approvalReaches(tool('list_services', { readOnlyHint: true }), {})).toEqual(['outside']);
    expect(approvalReaches(tool('cancel_booking', { readOnlyHint: false, destructiveHint: true, openWorldHint: false }), {})).toContain('destructive');
    expect(approvalReaches(tool('mark_invoice_sent', { readOnlyHint: false, destructiveHint: false, openWorldHint: true }), {})).toContain('outside');
    expect(approvalReaches(tool('create_service', { readOnlyHint: false, destructiveHint: false, openWorldHint: false }), {})).toBeNull();
    expect(approvalReaches(tool('mystery_tool', {}), {})).toEqual(['outside', 'destructive']);
    expect(approvalReaches(tool('mystery_write', { destructiveHint: false }), {})).toEqual(['outside']);
    // The dry run needs the schema to declare its flag: an undeclared `confirm` is a key a lenient server may read any way.
    const upgrade = { ...tool('create_plan_upgrade_link', { readOnlyHint: false, destructiveHint: false, openWorldHint: true }), inputSchema: { type: 'object', properties: { confirm: { type: 'boolean' } } } };
    expect(approvalReaches(upgrade, { confirm: false })).toBeNull();
    expect(approvalReaches(upgrade, { confirm: true })).toContain('money');
  });

  it('describes the signup request with every detail, and previews bulk arguments as a count and 3 rows', () => {
    const request = tool('register_organisation_request', { openWorldHint: true });
    const text = describeApproval(request, { email: 'a@b.co', organisationName: 'Moon Cafe', industry: 'hospitality', country: 'JP', timezone: 'Asia/Tokyo' }, ['people']);
    expect(text).toBe('Email a 6-digit signup code to a@b.co to register "Moon Cafe" (hospitality, JP, Asia/Tokyo).');
    expect(bulkPreview({ accountIds: ['a', 'b', 'c', 'd', 'e'] })).toEqual({ total: 5, rows: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    expect(bulkPreview({ accountId: 'a' })).toBeUndefined();
  });
});

describe('code guard', () => {
  it('keeps the digits and gives the model a placeholder, also inside a sentence or split in two', () => {
    expect(maskVerificationCode('483920')).toEqual({ text: CODE_PLACEHOLDER, code: '483920' });
    expect(maskVerificationCode('the code is 483 920, thanks')).toEqual({ text: `the code is ${CODE_PLACEHOLDER}, thanks`, code: '483920' });
    expect(maskVerificationCode('call me on +852 9123 4567').code).toBeNull();
    expect(maskVerificationCode('12345').code).toBeNull();
    expect(maskVerificationCode('483920 (again: 483-920)')).toEqual({ text: `${CODE_PLACEHOLDER} (again: ${CODE_PLACEHOLDER})`, code: '483920' });
    expect(maskVerificationCode('1234567').code).toBeNull();
  });

  it('reads the code however it is grouped, and in full-width or other scripts\' digits (CJK input methods)', () => {
    for (const typed of ['my code: 4 1 2 6 2 4', '4126 24', 'code 41 26 24', '41-26-24', '４１２６２４', '٤١٢٦٢٤']) {
      const masked = maskVerificationCode(typed);
      expect(masked.code, typed).toBe('412624');
      expect(masked.text, typed).toContain(CODE_PLACEHOLDER);
      expect(masked.text, typed).not.toMatch(/[0-9０-９٠-٩]/);
    }
    // Seven digits however spaced are no code (and are hidden as a near miss).
    expect(maskVerificationCode('4 1 2 6 2 4 5')).toEqual({ text: '[not a code: 7 digits]', code: null });
  });

  it('masks a lone code when none is awaited, and leaves digits inside other text alone', () => {
    expect(maskLoneCode('601430')).toEqual({ text: CODE_PLACEHOLDER, code: '601430' });
    expect(maskLoneCode('my code is 601 430.')).toEqual({ text: `my code is ${CODE_PLACEHOLDER}.`, code: '601430' });
    expect(maskLoneCode('we are at 400050 Mumbai')).toEqual({ text: 'we are at 400050 Mumbai', code: null });
    expect(maskLoneCode('add a service Brunch, 90 min, 25000').code).toBeNull();
  });

  it('hides a mistyped code (4-8 digits) too: most of the code must not reach the model either', () => {
    expect(maskVerificationCode('12345')).toEqual({ text: '[not a code: 5 digits]', code: null });
    expect(maskVerificationCode('the code is 1234 567, sorry')).toEqual({ text: 'the code is [not a code: 7 digits], sorry', code: null });
    expect(maskVerificationCode('48392 or 483921?')).toEqual({ text: `48392 or ${CODE_PLACEHOLDER}?`, code: '483921' });
    // Not codes: a phone number, an amount, a year-like short number, an email's digits.
    expect(maskVerificationCode('call me on +852 9123 4567').text).toBe('call me on +852 9123 4567');
    expect(maskVerificationCode('it costs $12345').text).toBe('it costs $12345');
    expect(maskVerificationCode('since 199').text).toBe('since 199');
    expect(maskVerificationCode('bob12345@x.com').text).toBe('bob12345@x.com');
  });
});

describe('lean tool exposure', () => {
  it('shows only bootstrap tools before auth, the core set plus loaded tools after', () => {
    const catalogue = ['register_organisation_request', 'register_organisation_verify', 'accept_team_invite_request', 'accept_team_invite_verify', 'list_services', 'query_favcrm_platform', 'create_booking', 'void_invoice'].map((name) => tool(name, {}));
    expect(exposedToolNames(catalogue, false, new Set(['create_booking']))).toEqual([...BOOTSTRAP_TOOL_NAMES]);
    const after = exposedToolNames(catalogue, true, new Set(['create_booking']));
    expect(after).toEqual(['query_favcrm_platform', 'list_services', 'create_booking']);
  });
});

describe('system prompt', () => {
  it('is assembled from prompts/ and pinned, so any change to it is a visible diff', async () => {
    const signedOut = buildSystemPrompt({
      auth: { status: 'signed-out' },
      pendingSignup: { requestId: 'req_123', maskedEmail: 'o***r@e***e.com', expiresAt: '2026-01-01T00:10:00.000Z' },
      now: '2026-01-01T00:00:00.000Z',
    });
    await expect(signedOut).toMatchFileSnapshot('../fixtures/system-prompt.signed-out.txt');
    const signedIn = buildSystemPrompt({
      auth: { status: 'signed-in', maskedKey: 'fav_mcp_...abcd', storage: { kind: 'config-file', location: '~/.config/favcrm/config.toml' } },
      pendingSignup: null,
      now: '2026-01-01T00:00:00.000Z',
    });
    await expect(signedIn).toMatchFileSnapshot('../fixtures/system-prompt.signed-in.txt');
    const justSignedUp = buildSystemPrompt({
      auth: { status: 'signed-in', maskedKey: 'fav_mcp_...abcd', storage: { kind: 'config-file', location: '~/.config/favcrm/config.toml' } },
      pendingSignup: null,
      now: '2026-01-01T00:00:00.000Z',
      justSignedUp: true,
    });
    await expect(justSignedUp).toMatchFileSnapshot('../fixtures/system-prompt.just-signed-up.txt');
    // The clock is to the minute: requests within a minute get the same prompt.
    expect(buildSystemPrompt({ auth: { status: 'signed-out' }, pendingSignup: null, now: '2026-01-01T00:00:59.999Z' })).toBe(
      buildSystemPrompt({ auth: { status: 'signed-out' }, pendingSignup: null, now: '2026-01-01T00:00:00.000Z' }),
    );
  });
});

describe('context window', () => {
  it('keeps the latest whole turns that fit, never splitting a tool result from its call', async () => {
    const { recentHistory } = await import('../../src/agent/context-window.js');
    const turn = (text: string) => [
      { role: 'user' as const, content: text },
      { role: 'assistant' as const, content: [{ type: 'tool-call' as const, toolCallId: text, toolName: 'list_services', input: {} }] },
      { role: 'tool' as const, content: [{ type: 'tool-result' as const, toolCallId: text, toolName: 'list_services', output: { type: 'json' as const, value: { filler: 'x'.repeat(400) } } }] },
    ];
    const messages = [...turn('one'), ...turn('two'), ...turn('three')];
    const recent = recentHistory(messages, 1_400);
    expect(recent[0]).toMatchObject({ role: 'user', content: 'two' });
    expect(recent).toHaveLength(6);
    expect(recentHistory(messages, 10)[0]).toMatchObject({ role: 'user', content: 'three' });
    expect(recentHistory(messages, 100_000)).toHaveLength(9);
  });

  it('shortens a big list result for the model and says how much was left out', async () => {
    const { compactToolResult } = await import('../../src/agent/context-window.js');
    const items = Array.from({ length: 400 }, (_, index) => ({ id: `acc_${index}`, name: `Customer ${index}`, notes: 'x'.repeat(40) }));
    const compact = compactToolResult({ items, total: 400 }) as { items: Array<Record<string, unknown>>; total: number; truncated: string };
    // The first ten whole; then as many as fit by id and name, so a booking still finds the 11th customer.
    expect(compact.items[0]).toEqual(items[0]);
    expect(compact.items[10]).toEqual({ id: 'acc_10', name: 'Customer 10' });
    expect(compact.items.length).toBeGreaterThan(100);
    expect(compact.items.length).toBeLessThan(400);
    expect(compact.total).toBe(400);
    expect(compact.truncated).toMatch(/^showing 10 of 400 in full, the next \d+ by id and name only; \d+ left out: ask for a narrower list$/);
    expect(JSON.stringify(compact).length).toBeLessThan(12_000);
    expect(compactToolResult({ items: items.slice(0, 3) })).toEqual({ items: items.slice(0, 3) });
  });
});

describe('failure summaries for the person (the ✗ line of a tool card)', () => {
  const failure = (code: string, message: string, details: Record<string, unknown> = {}) =>
    summariseFailure({ ok: false, data: { error: { code, message, ...details } }, errorCode: code, errorMessage: message });

  it('says what happened in the person\'s terms, with the figures that matter', () => {
    expect(failure('CODE_INVALID', 'That code is not right. Ask the person to re-check the 6-digit code in the email and try again (4 tries left).', { attemptsLeft: 4 })).toBe(
      'CODE_INVALID · wrong code (4 tries left)',
    );
    expect(failure('RATE_LIMITED', 'Too many signup requests. Try again after 2026-11-25T09:18:08.554Z.', { retryAfterSeconds: 3300 })).toBe('RATE_LIMITED · too many requests: try again in 55 minutes');
    expect(failure('DECLINED_BY_USER', 'The person declined: Email a code. Do not retry; ask what they want instead.')).toBe('DECLINED_BY_USER · you declined: nothing was done');
  });

  it('keeps an unknown failure\'s message without the sentences meant for the agent, and without ISO timestamps', () => {
    expect(failure('VALIDATION', 'Invalid name: Too big: expected string to have <=200 characters. Correct it and call create_service again.')).toBe(
      'VALIDATION: Invalid name: Too big: expected string to have <=200 characters.',
    );
    expect(failure('PLAN_LIMIT', 'The plan ends at 2026-12-01T00:00:00.000Z.')).toBe('PLAN_LIMIT: The plan ends at 2026-12-01 00:00 UTC.');
    expect(failure('NOT_FOUND', 'No open signup request has this requestId (it is unknown or was already used). Call register_organisation_request to start again.')).toBe(
      'NOT_FOUND: No open signup request has this requestId (it is unknown or was already used).',
    );
  });
});

describe('tools loaded on demand', () => {
  it('keeps at most MAX_LOADED_TOOLS, dropping the ones loaded longest ago; a tool named again counts as new', () => {
    const loaded = new Set<string>();
    rememberLoadedTools(loaded, Array.from({ length: MAX_LOADED_TOOLS }, (_, index) => `tool_${index}`));
    rememberLoadedTools(loaded, ['tool_0']);
    rememberLoadedTools(loaded, ['create_booking']);
    expect(loaded.size).toBe(MAX_LOADED_TOOLS);
    expect(loaded.has('tool_0')).toBe(true);
    expect(loaded.has('tool_1')).toBe(false);
    expect([...loaded].at(-1)).toBe('create_booking');
  });
});

