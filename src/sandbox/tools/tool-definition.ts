import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { Outbox } from '../outbox.js';

/** MCP tool annotations (docs/favcrm-contract.md §4.1; "contract §x.y" in comments means that page); every sandbox tool sets all four hints explicitly. */
export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  openWorldHint: boolean;
  idempotentHint: boolean;
}

/** The authenticated caller behind a `fav_mcp_*` key, resolved once per request. */
export interface Caller {
  keyId: string;
  userId: string;
  organisationId: string;
  /** The workspace this key currently works in (`switch_company` changes it, persisted per key). */
  companyId: string;
  role: 'owner' | 'manager' | 'staff';
}

/** Knobs that tests and the `sandbox` command set; defaults follow the contract. */
export interface SandboxSettings {
  /** Signup requests allowed per client network (all loopback is one) per hour and per day; null turns the limit off (tests). */
  signupRate: { perHour: number; perDay: number } | null;
  /** Invite codes allowed per invite per hour and per day; null turns the limit off (tests). */
  inviteCodeRate: { perHour: number; perDay: number } | null;
  /** Public URL of this sandbox's MCP endpoint (used in login URLs and links). */
  publicUrl: string;
}

/** Everything a tool handler may touch; injected so tests control the clock and storage. */
export interface ToolContext {
  db: Database.Database;
  now: () => Date;
  /** Null for anonymous calls; the registry guarantees non-null for `auth: 'key'` tools. */
  caller: Caller | null;
  clientIp: string;
  settings: SandboxSettings;
  outbox: Outbox;
  /** The whole catalogue, for `query_favcrm_platform` (search) without a circular import. */
  tools: readonly SandboxTool[];
  /**
   * Keys the HMAC of emailed codes; kept in a 0600 file beside the database, never inside it. The registry always
   * sets it; only the signup and invite tools read it (optional so hand-built test contexts need not).
   */
  codePepper?: Buffer;
}

/** One sandbox tool: schema, annotations and a handler over SQLite. Handlers throw `ToolFailure` for expected failures. */
export interface SandboxTool<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  /** First line is the summary the CLI shows; further lines explain arguments and behaviour. */
  description: string;
  inputSchema: Shape;
  annotations: ToolAnnotations;
  /** `none` only for the four bootstrap tools (contract §6.1). */
  auth: 'none' | 'key';
  handler: (args: z.infer<z.ZodObject<Shape>>, context: ToolContext) => unknown;
}

/** Helper that keeps the handler's argument type tied to its schema. */
export function defineTool<Shape extends z.ZodRawShape>(tool: SandboxTool<Shape>): SandboxTool {
  return tool as unknown as SandboxTool;
}
