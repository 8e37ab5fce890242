/**
 * The typed event stream the UI-free core emits. The Ink UI and headless mode fold these into what they show;
 * nothing in here ever holds a full API key or the emailed code (they pass the redactor first).
 */

export interface EndpointInfo {
  url: string;
  /** True when the app started its own embedded sandbox (the UI shows a SANDBOX badge). */
  sandbox: boolean;
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

export interface KeyStorageInfo {
  kind: 'keyring' | 'config-file' | 'environment';
  /** Human description: `OS keyring (service favcrm-chat)` or the config file path. */
  location: string;
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

export interface ApprovalRequest {
  approvalId: string;
  toolName: string;
  title: string;
  /** One sentence: what will happen and to what. */
  description: string;
  /** Redacted arguments as the tool will receive them. */
  args: Record<string, unknown>;
  /** Up to three rows for bulk calls (count + 3-row preview, contract §5.1). */
  preview?: { total: number; rows: Record<string, unknown>[] };
  reason: 'destructive' | 'open-world' | 'stripe-link';
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
  /** Stable code, e.g. `SERVER_UNREACHABLE`, `MODEL_AUTH`, `MODEL_RATE_LIMIT`, `MODEL_TIMEOUT`, `RATE_LIMITED`. */
  code: string;
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
  | { type: 'tool-call-end'; turnId: string; callId: string; toolName: string; ok: boolean; summary: string; errorCode?: string; data?: unknown }
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
  /** `/new`: forgets the conversation and any pending signup. */
  reset(): Promise<void>;
  close(): Promise<void>;
}
