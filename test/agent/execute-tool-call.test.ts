import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { executeToolCall, type AdoptedKey, type ToolCallEnvironment } from '../../src/agent/execute-tool-call.js';
import { FavcrmConnectionError } from '../../src/mcp/connection-errors.js';
import type { FavcrmConnection, McpToolInfo } from '../../src/mcp/favcrm-connection.js';
import type { ToolOutcome } from '../../src/mcp/tool-result.js';
import { createRedactor } from '../../src/secrets/redact-secrets.js';

const ISSUED_KEY = 'fav_mcp_Zq7Wx2Lk9Pv4Rt6Yh8Nm3Bc5Df1Gj0Ks2';

function tool(name: string, title: string): McpToolInfo {
  return {
    name,
    title,
    description: '',
    inputSchema: { type: 'object', properties: { requestId: { type: 'string' }, code: { type: 'string' }, limit: { type: 'number' } } },
    annotations: { readOnlyHint: true },
  };
}

/** A session as executeToolCall sees it, recording in one list what happened in which order. */
function fakeSession(callTool: (name: string, args: Record<string, unknown>) => Promise<ToolOutcome>) {
  const log: string[] = [];
  const events: AgentEvent[] = [];
  const aborted: unknown[] = [];
  const controller = new AbortController();
  const connection = { url: 'http://favcrm.test/mcp', authenticated: false, listTools: async () => [], callTool, close: async () => undefined } as FavcrmConnection;
  const tools = [tool('list_services', 'List services'), tool('register_organisation_verify', 'Verify signup code')];
  const environment: ToolCallEnvironment = {
    turn: {
      id: 'turn_1',
      signal: controller.signal,
      abort: (error) => {
        aborted.push(error);
        controller.abort(error);
      },
      finishBeforeCancelling: () => undefined,
    },
    favcrm: { connection: () => connection, tool: (name) => tools.find((entry) => entry.name === name), loadTools: (names) => names },
    approvals: { ask: async () => true, autoApprove: false },
    signup: {
      prepareVerify: (_name, args) => {
        args.code = '123456';
        return { ok: true };
      },
      adoptIssuedKey: async (apiKey): Promise<AdoptedKey> => {
        log.push(`key stored (${apiKey === ISSUED_KEY ? 'the issued key' : 'another'})`);
        return { maskedKey: 'fav_mcp_...Ks2', location: '/tmp/config.toml', storage: { kind: 'config-file', location: '/tmp/config.toml' } };
      },
      afterCall: (name, _args, outcome, adopted) => log.push(`bookkeeping ${name} ok=${outcome.ok} adopted=${adopted ? adopted.key.maskedKey : 'none'}`),
    },
    redactor: createRedactor(),
    emit: (event) => {
      events.push(event);
      log.push(event.type);
    },
  };
  return { environment, events, log, aborted, signal: controller.signal };
}

describe('executeToolCall: one straight pipeline', () => {
  it('the end event carries the card (title, arguments), so nothing needs the start event to draw it', async () => {
    const session = fakeSession(async () => ({ ok: true, data: { items: [{ name: 'Haircut' }] } }));
    const result = await executeToolCall(session.environment, 'call_1', 'list_services', { limit: 5 });
    const [start, end] = session.events;
    expect(start).toMatchObject({ type: 'tool-call-start', title: 'List services' });
    expect(end).toMatchObject({ type: 'tool-call-end', callId: 'call_1', title: 'List services', argsSummary: (start as { argsSummary: string }).argsSummary, ok: true });
    expect((start as { argsSummary: string }).argsSummary).toContain('5');
    expect(result).toEqual({ items: [{ name: 'Haircut' }] });
  });

  it('stores an issued key, shows the verify card, and only then does the signup bookkeeping (the success panel follows the card)', async () => {
    const session = fakeSession(async () => ({ ok: true, data: { organisationId: 'org_1', apiKey: ISSUED_KEY } }));
    const result = await executeToolCall(session.environment, 'call_v', 'register_organisation_verify', { requestId: 'req_1', code: '<code>' });
    expect(session.log).toEqual(['tool-call-start', 'key stored (the issued key)', 'tool-call-end', 'bookkeeping register_organisation_verify ok=true adopted=fav_mcp_...Ks2']);
    // Neither the card nor the model ever gets the key.
    expect(JSON.stringify(session.events)).not.toContain(ISSUED_KEY);
    expect(JSON.stringify(result)).not.toContain(ISSUED_KEY);
    expect(result).toMatchObject({ apiKey: 'fav_mcp_...Ks2', apiKeyStored: '/tmp/config.toml' });
  });

  it('a dead transport aborts the turn with that error, instead of handing the model a guess', async () => {
    const dead = new FavcrmConnectionError('unreachable', "Can't reach FavCRM at http://favcrm.test/mcp (fetch failed).", 'Is it running?');
    const session = fakeSession(async () => {
      throw dead;
    });
    await expect(executeToolCall(session.environment, 'call_2', 'list_services', {})).rejects.toBe(dead);
    expect(session.aborted).toEqual([dead]);
    expect(session.signal.aborted).toBe(true);
    expect(session.signal.reason).toBe(dead);
    // No card end and no bookkeeping for a call that never answered.
    expect(session.log).toEqual(['tool-call-start']);
  });

  it('a verify lost to a dead transport aborts the turn with advice that the code may have been used', async () => {
    const session = fakeSession(async () => {
      throw new FavcrmConnectionError('timeout', 'FavCRM did not answer in time.', 'Try again.');
    });
    await expect(executeToolCall(session.environment, 'call_3', 'register_organisation_verify', { requestId: 'req_1', code: '<code>' })).rejects.toThrow();
    expect(FavcrmConnectionError.isInstance(session.signal.reason)).toBe(true);
    expect((session.signal.reason as FavcrmConnectionError).message).toContain('The code may still have been accepted.');
  });
});
