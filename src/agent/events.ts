import type { ConnectReport, ConnectRequest } from '../connect/run-connect.js';
/**
 * The typed event stream the UI-free core emits. The Ink UI and headless mode fold these into what they show;
 * nothing in here ever holds a full API key or the emailed code (they pass the redactor first).
 */
// Key custody (src/secrets) owns where a key lives; the events carry it.
import type { ErrorCode } from '../errors/error-codes.js';
import type { KeyStorageInfo } from '../secrets/key-storage-info.js';

export type { KeyStorageInfo };

export interface EndpointInfo {
  url: string;
  /** True when the app started its own embedded sandbox (the UI shows a SANDBOX badge). */
  sandbox: boolean;
  /** A sandbox's data directory: a key it issues remembers it, so the right sandbox can be found again. */
  dataDirectory?: string;
  /** Sandbox outbox directory, so the UI can tell people where the code "email" went. */
  outboxDirectory?: string;
  /** The shell command that lists the outbox, as this person can run it (`npm start -- sandbox outbox` under npm). */
  outboxCommand?: string;
}

/** One message in the sandbox's local outbox, as `/outbox` shows it. Only ever shown to the person, never the model. */
export interface SandboxEmail {
  to: string;
  subject: string;
  code?: string;
  sentAt: string;
}

export interface ModelInfo {
  /** e.g. `offline`, `openai:gpt-4o-mini`, `openai-compatible:llama3.1 @ http://localhost:11434/v1`. */
  label: string;
  offline: boolean;
}


export type AuthState =
  | { status: 'signed-out' }
  | { status: 'signed-in'; maskedKey: string; storage: KeyStorageInfo };

export interface PendingSignup {
  requestId: string;
  maskedEmail: string;
  /** ISO time. */
  expiresAt: string;
  organisationName?: string;
  /** The masked key signed in when the request was made (a second business): a restart then keeps it pending. */
  startedSignedInAs?: string;
}

/** One finished line of the conversation as people see it (already redacted). */
export type TranscriptEntry =
  | { kind: 'user'; text: string }
  | { kind: 'assistant'; text: string }
  /** `table`: the first rows of a list result and its total, so a resumed conversation shows the card's table. */
  | { kind: 'tool'; toolName: string; title: string; argsSummary: string; ok: boolean; summary: string; table?: unknown }
  | { kind: 'signup-success'; result: SignupCompleted }
  | { kind: 'outbox'; to: string; directory: string; command: string }
  | { kind: 'error'; message: string; hint?: string }
  | { kind: 'notice'; text: string };

/**
 * What a gated call reaches, as the approval card names it: people outside the workspace (email, messages,
 * invites), money (payment, plan or checkout links), deletion, a web address the server is given, an outside
 * account or service, or a change the server itself calls destructive.
 */
export type ApprovalReach = 'people' | 'money' | 'deletion' | 'web' | 'outside' | 'destructive';

/** One argument of a gated call, flattened to `path: value` (nested objects and arrays included). */
export interface ApprovalField {
  /** `email`, `items[0].name`, `payload.recipients[2]`. */
  path: string;
  /** The value as one line of text (line breaks shown as ⏎); never cut. */
  value: string;
  /** The tool's input schema does not declare this key: the model added it. */
  undeclared?: true;
}

export interface ApprovalRequest {
  approvalId: string;
  toolName: string;
  title: string;
  /** One sentence: what will happen and to what. */
  description: string;
  /** Redacted arguments exactly as the tool will receive them (after the schema check). */
  args: Record<string, unknown>;
  /** Every argument, flattened, in the schema's order with the ones that reach outside first. */
  fields: ApprovalField[];
  /** Why it asks; never empty. */
  reaches: ApprovalReach[];
  /** Up to three rows for bulk calls (count + 3-row preview, contract §5.1). */
  preview?: { total: number; rows: Record<string, unknown>[] };
}

export interface SignupCompleted {
  organisationName?: string;
  organisationId?: string;
  companyId?: string;
  userId?: string;
  maskedKey: string;
  storage: KeyStorageInfo;
  loginUrl?: string;
  nextSteps: string[];
}

export interface AgentErrorInfo {
  /** Stable code (src/errors/error-codes.ts), e.g. `SERVER_UNREACHABLE`, `MODEL_AUTH`, `MODEL_TIMEOUT`. */
  code: ErrorCode;
  message: string;
  /** The next step a person can take. */
  hint?: string;
}

export type AgentEvent =
  | { type: 'session-ready'; endpoint: EndpointInfo; model: ModelInfo; auth: AuthState; pendingSignup: PendingSignup | null; history: TranscriptEntry[]; approvalsSkipped: boolean }
  | { type: 'user-message'; turnId: string; text: string }
  | { type: 'turn-start'; turnId: string }
  | { type: 'text-delta'; turnId: string; text: string }
  /** The assistant finished one message inside the turn (before or between tool calls). */
  | { type: 'assistant-message'; turnId: string; text: string }
  | { type: 'tool-call-start'; turnId: string; callId: string; toolName: string; title: string; argsSummary: string }
  /** Carries everything its card shows (title and arguments too), so no one needs the start event to draw it. */
  | { type: 'tool-call-end'; turnId: string; callId: string; toolName: string; title: string; argsSummary: string; ok: boolean; summary: string; errorCode?: string; data?: unknown }
  | { type: 'approval-request'; turnId: string; request: ApprovalRequest }
  | { type: 'approval-resolved'; turnId: string; approvalId: string; approved: boolean }
  | { type: 'signup-pending'; pending: PendingSignup }
  | { type: 'signup-cleared' }
  | { type: 'outbox-notice'; to: string; directory: string; command: string }
  | { type: 'signup-completed'; result: SignupCompleted }
  | { type: 'auth-changed'; auth: AuthState }
  | { type: 'notice'; level: 'info' | 'warning'; text: string }
  | { type: 'error'; turnId?: string; error: AgentErrorInfo }
  | { type: 'usage'; turnId: string; inputTokens: number; outputTokens: number; durationMs: number }
  | { type: 'turn-end'; turnId: string; reason: 'done' | 'cancelled' | 'error' };

export type AgentEventListener = (event: AgentEvent) => void;

export interface ToolSummary {
  name: string;
  title: string;
  summary: string;
  requiresApproval: boolean;
}

/** `favcrm-chat doctor` report, the same keys as the official CLI's `doctor --json` (contract §3.2). */
export type DoctorReport = Record<string, unknown> & { url: string; authenticated: boolean; reachable: boolean };

/** What the UI and headless mode drive; the real implementation is `AgentSession`, tests use a scripted fake. */
export interface AgentSessionPort {
  subscribe(listener: AgentEventListener): () => void;
  /** Connects, discovers tools, restores state; emits `session-ready`. */
  start(): Promise<void>;
  /** Runs one turn for what the person typed; resolves when the turn ends. Never rejects: failures are `error` events. */
  send(text: string): Promise<void>;
  answerApproval(approvalId: string, approved: boolean): void;
  /** Cancels the running turn, if any; returns true when something was cancelled. */
  cancel(): boolean;
  doctor(): Promise<DoctorReport>;
  listTools(filter?: string): Promise<ToolSummary[]>;
  /** `/outbox`: the embedded sandbox's newest "emails"; null when the endpoint is not the embedded sandbox. */
  readOutbox(limit?: number): Promise<SandboxEmail[] | null>;
  authStatus(): AuthState;
  logout(): Promise<void>;
  /** `/save-key`: saves a key kept only in memory (no store would take it when it was issued); a line for the person. */
  saveUnsavedKey(): Promise<string>;
  /**
   * `/reveal-key`: hands a key kept only in memory, once, to `show`, which writes it to the person's own terminal and
   * nowhere else (never an event, the transcript or a file). False when there is none, or it was shown already.
   */
  revealUnsavedKey(show: (apiKey: string) => void): boolean;
  /** `/new`: forgets the conversation and any pending signup. */
  reset(): Promise<void>;
  /** `/connect`: lists other MCP clients, or writes / removes one's FavCRM entry for this endpoint. Never returns the key. */
  connectClient(request: ConnectRequest): Promise<ConnectReport>;
  close(): Promise<void>;
}
