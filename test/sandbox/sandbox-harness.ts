import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../src/sandbox/start-sandbox.js';

/** Exactly the headers the official CLI sends (contract §2.1). */
export const CLI_HEADERS = {
  'Content-Type': 'application/json',
  Accept: 'application/json, text/event-stream',
  'User-Agent': 'favcrm-cli/0.1.5',
};

/** A clock tests move by hand: codes, invites and rate windows all read it. */
export class TestClock {
  private current: number;
  constructor(start = '2026-03-02T09:00:00.000Z') {
    this.current = Date.parse(start);
  }
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface RpcReply {
  status: number;
  headers: Headers;
  /** Parsed JSON body (undefined when empty). */
  body: Record<string, unknown> | undefined;
  /** The JSON-RPC id this request was sent with (rpc() only). */
  sentId?: number;
}

/** What `tools/call` returned, split the way the CLI (structuredContent.data) and an agent (isError) read it. */
export interface ToolReply extends RpcReply {
  isError: boolean;
  data: Record<string, unknown>;
  error: { code: string; message: string; [detail: string]: unknown } | undefined;
}

export function makeTempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `favcrm-${label}-`));
}

/** A sandbox on a random port in a temp dir, plus CLI-shaped helpers. Call `stop()` in afterEach/afterAll. */
export class SandboxHarness {
  private nextId = 1;
  constructor(
    readonly sandbox: RunningSandbox,
    readonly clock: TestClock,
  ) {}

  static async start(options: Partial<StartSandboxOptions> & { label?: string } = {}): Promise<SandboxHarness> {
    const clock = new TestClock();
    const sandbox = await startSandbox({
      port: 0,
      dataDir: options.dataDir ?? makeTempDir(options.label ?? 'sandbox'),
      now: clock.now,
      signupRate: null,
      quiet: true,
      ...options,
    });
    return new SandboxHarness(sandbox, clock);
  }

  get url(): string {
    return this.sandbox.url;
  }

  stop(): Promise<void> {
    return this.sandbox.close();
  }

  /** POSTs one JSON-RPC request the way `favcrm` does (id counter from 1). */
  async rpc(method: string, params: unknown = {}, key?: string, extraHeaders: Record<string, string> = {}): Promise<RpcReply> {
    const headers: Record<string, string> = { ...CLI_HEADERS, ...extraHeaders };
    if (key !== undefined) headers.Authorization = `Bearer ${key}`;
    const sentId = this.nextId++;
    return { ...(await this.post(JSON.stringify({ jsonrpc: '2.0', id: sentId, method, params }), headers)), sentId };
  }

  async post(body: string, headers: Record<string, string> = CLI_HEADERS): Promise<RpcReply> {
    const response = await fetch(this.url, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }

  async call(name: string, args: Record<string, unknown> = {}, key?: string): Promise<ToolReply> {
    const reply = await this.rpc('tools/call', { name, arguments: args }, key);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const result = reply.body?.result as
      | { isError?: boolean; structuredContent?: Record<string, unknown>; content?: { type: string; text: string }[] }
      | undefined;
    if (!result) throw new Error(`tools/call ${name} returned no result: ${JSON.stringify(reply.body)}`);
    const text = result.content?.[0]?.text;
    const parsedText = text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
    if (result.isError) {
      // Errors carry the same object as text and as structuredContent (contract §6.2, CLI users see it).
      expect(result.structuredContent).toEqual(parsedText);
      const error = (result.structuredContent as { error: ToolReply['error'] }).error;
      return { ...reply, isError: true, data: {}, error };
    }
    const data = (result.structuredContent as { data: Record<string, unknown> }).data;
    expect(parsedText).toEqual(data);
    return { ...reply, isError: false, data, error: undefined };
  }

  /** Like `call` but fails the test on an error result. */
  async ok(name: string, args: Record<string, unknown> = {}, key?: string): Promise<Record<string, unknown>> {
    const reply = await this.call(name, args, key);
    if (reply.isError) throw new Error(`${name} failed: ${JSON.stringify(reply.error)}`);
    return reply.data;
  }

  /** Like `call` but expects an error result with this code. */
  async fails(name: string, args: Record<string, unknown>, code: string, key?: string): Promise<NonNullable<ToolReply['error']>> {
    const reply = await this.call(name, args, key);
    expect(reply.isError, JSON.stringify(reply.data)).toBe(true);
    expect(reply.error?.code).toBe(code);
    return reply.error as NonNullable<ToolReply['error']>;
  }

  /** The code in the newest outbox message to `email`. */
  latestCode(email: string): string {
    const entry = this.sandbox.outbox
      .list()
      .find((message) => message.to.toLowerCase() === email.toLowerCase() && message.code !== undefined);
    if (!entry?.code) throw new Error(`No code in the outbox for ${email}`);
    return entry.code;
  }

  /** A wrong code that differs from the real one. */
  wrongCode(email: string): string {
    const real = this.latestCode(email);
    return real === '000000' ? '111111' : '000000';
  }

  /** Whole signup journey; returns the verify payload (apiKey, companyId, ...). */
  async signUp(email: string, organisationName = 'Harbour Yoga', extra: Record<string, unknown> = {}): Promise<Record<string, unknown> & { apiKey: string; companyId: string; userId: string }> {
    const request = await this.ok('register_organisation_request', { email, organisationName, ...extra });
    const verified = await this.ok('register_organisation_verify', { requestId: request.requestId, code: this.latestCode(email) });
    return verified as Record<string, unknown> & { apiKey: string; companyId: string; userId: string };
  }

  /** Owner (key) invites `email`; the invitee accepts through the emailed code. */
  async joinByInvite(ownerKey: string, email: string, role: 'staff' | 'manager' = 'staff'): Promise<Record<string, unknown> & { apiKey: string; companyId: string }> {
    const invite = await this.ok('create_team_member_invite', { email, role }, ownerKey);
    await this.ok('accept_team_invite_request', { token: invite.token });
    const joined = await this.ok('accept_team_invite_verify', { token: invite.token, code: this.latestCode(email) });
    return joined as Record<string, unknown> & { apiKey: string; companyId: string };
  }
}
