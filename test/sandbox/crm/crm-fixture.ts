import Database from 'better-sqlite3';
import { allMigrations, applyMigrations } from '../../../src/sandbox/database/database.js';
import type { Outbox, OutboxEntry, OutboxMessage } from '../../../src/sandbox/outbox.js';
import { callTool } from '../../../src/sandbox/tool-registry.js';
import { allTools } from '../../../src/sandbox/tools/index.js';
import type { Caller, ToolContext } from '../../../src/sandbox/tools/tool-definition.js';

// Unit-test harness for the CRM tools: an in-memory database with the real migrations, seeded
// workspaces, a settable clock and an in-memory outbox, calling tools through the real registry.

/** A Wednesday, 02:00 UTC = 10:00 in Hong Kong; workspaces below are "created" at this instant. */
export const START = new Date('2026-05-13T02:00:00.000Z');

export class MemoryOutbox implements Outbox {
  readonly directory = '/dev/null';
  readonly sent: OutboxEntry[] = [];
  send(message: OutboxMessage): OutboxEntry {
    const entry = { ...message, id: `msg_${this.sent.length + 1}`, sentAt: new Date().toISOString(), file: '' };
    this.sent.unshift(entry);
    return entry;
  }
  list(limit = 50): OutboxEntry[] {
    return this.sent.slice(0, limit);
  }
}

export interface Workspace {
  caller: Caller;
  context: ToolContext;
}

export interface Harness {
  db: Database.Database;
  clock: { now: Date };
  outbox: MemoryOutbox;
  workspace(options?: { country?: string | null; timezone?: string | null; role?: Caller['role']; createdAt?: Date }): Workspace;
}

let counter = 0;

export function createHarness(): Harness {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  applyMigrations(db, allMigrations());
  const clock = { now: START };
  const outbox = new MemoryOutbox();
  return {
    db,
    clock,
    outbox,
    workspace(options = {}) {
      counter += 1;
      const createdAt = (options.createdAt ?? START).toISOString();
      const country = options.country === undefined ? 'HK' : options.country;
      const timezone = options.timezone === undefined ? 'Asia/Hong_Kong' : options.timezone;
      const ids = { org: `org_t${counter}`, company: `cmp_t${counter}`, user: `usr_t${counter}` };
      db.prepare('INSERT INTO organisations (id, name, industry, country, timezone, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(ids.org, `Org ${counter}`, 'beauty', country, timezone, createdAt);
      db.prepare('INSERT INTO companies (id, organisation_id, name, industry, country, timezone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(ids.company, ids.org, `Studio ${counter}`, 'beauty', country, timezone, createdAt);
      db.prepare('INSERT INTO users (id, email, name, created_at) VALUES (?, ?, ?, ?)').run(ids.user, `owner${counter}@example.com`, 'Owner', createdAt);
      db.prepare('INSERT INTO company_members (company_id, user_id, role, created_at) VALUES (?, ?, ?, ?)')
        .run(ids.company, ids.user, options.role ?? 'owner', createdAt);
      const caller: Caller = { keyId: `key_t${counter}`, userId: ids.user, organisationId: ids.org, companyId: ids.company, role: options.role ?? 'owner' };
      const context: ToolContext = {
        db,
        now: () => clock.now,
        caller,
        clientIp: '127.0.0.1',
        settings: { signupRate: null, inviteCodeRate: null, publicUrl: 'http://127.0.0.1:0/mcp' },
        outbox,
        tools: allTools,
      };
      return { caller, context };
    },
  };
}

/** Calls a tool through the real registry (zod validation, failure shaping) and returns the raw result. */
export async function call(workspace: Workspace, name: string, args: Record<string, unknown> = {}) {
  return callTool(allTools, name, args, workspace.context);
}

/** Calls a tool and returns its payload; fails the test with the tool's error if it returned one. */
export async function ok<T = Record<string, unknown>>(workspace: Workspace, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const result = await call(workspace, name, args);
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.structuredContent)}`);
  return (result.structuredContent as { data: T }).data;
}

/** Calls a tool that must fail and returns `{code, message, ...details}`. */
export async function fails(workspace: Workspace, name: string, args: Record<string, unknown> = {}): Promise<Record<string, unknown> & { code: string; message: string }> {
  const result = await call(workspace, name, args);
  if (!result.isError) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(result.structuredContent)}`);
  return (result.structuredContent as { error: Record<string, unknown> & { code: string; message: string } }).error;
}

export interface Listed<T = Record<string, unknown>> {
  items: T[];
  total: number;
}
