/** The data `connect` works with: which client, where its file is, what would change. UI-free. */

export const CLIENT_IDS = ['claude-code', 'cursor', 'vscode', 'codex', 'gemini', 'claude-desktop'] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

export const SCOPES = ['user', 'project'] as const;
export type ConnectScope = (typeof SCOPES)[number];

/** The name every client file gets for this server (`claude mcp list` shows it; `connect --remove` looks for it). */
export const SERVER_NAME = 'favcrm';
/** The variable clients read the key from: the same one favcrm-chat and the official CLI read (contract §1.4). */
export const KEY_VARIABLE = 'FAVCRM_API_KEY';

/** How a client gets the key: from a variable it expands, from its own secret prompt, or written in its file. */
export type KeyCustody =
  | { kind: 'environment'; variable: string }
  | { kind: 'prompt'; inputId: string }
  | { kind: 'inline'; reason: string };

/** Where the client's config lives and what decides it: injected so tests use a temp HOME. */
export interface ConnectPlace {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** The project root for `--scope project`: the working directory. */
  cwd: string;
  home: string;
}

/** The FavCRM endpoint the entry points at, from the chat's own resolution. */
export interface ConnectEndpoint {
  url: string;
  /** Where the URL came from (`--url`, `FAVCRM_MCP_URL`, `saved config`, the embedded sandbox…). */
  source: string;
  /** A local sandbox: other clients reach it only while it runs. */
  sandbox: boolean;
}

export type PlanAction = 'create' | 'add' | 'update' | 'unchanged' | 'remove' | 'absent';

/** What `connect` would do (dry run) or did to one client's file. Never holds the key. */
export interface ConnectPlan {
  client: ClientId;
  clientName: string;
  scope: ConnectScope;
  file: string;
  action: PlanAction;
  custody: KeyCustody;
  /** True when the key itself is written into the file (only Claude Desktop): it is written 0600. */
  keyInFile: boolean;
  url: string;
  /** The entry as it will read in the file, the key masked. Absent for removals. */
  preview?: string;
  /** Said before writing: the sandbox caveat, an inline key, a replaced entry, a client quirk. */
  warnings: string[];
  /** What the person does next (set the variable, restart the client). */
  nextSteps: string[];
  /** Where the old file was copied before the write (set by `applyConnectPlan`). */
  backup?: string;
}

/** A client found on this machine, for `connect` with no argument. */
export interface DetectedClient {
  client: ClientId;
  clientName: string;
  /** Why we think it is installed: a command on PATH, its config directory. Empty when nothing was found. */
  evidence: string[];
  /** Whether its user config already has a `favcrm` server, and for which URL. */
  connected: { file: string; url: string | null } | null;
}
