/**
 * What the chat screen shows, folded from `AgentEvent`s and UI actions by `chatReducer`.
 * Everything in here has passed `maskSecrets`, except the live streaming text, which is masked as a whole when drawn.
 */
import type {
  AgentErrorInfo,
  AgentEvent,
  ApprovalRequest,
  AuthState,
  EndpointInfo,
  ModelInfo,
  PendingSignup,
  SignupCompleted,
  TranscriptEntry,
} from '../../agent/events.js';

/** A finished tool call; `data` feeds the small result table. */
export interface ToolEntry {
  kind: 'tool';
  toolName: string;
  title: string;
  argsSummary: string;
  ok: boolean;
  summary: string;
  errorCode?: string;
  data?: unknown;
}

/** Finished lines of the screen: the core's transcript entries plus what only the UI shows. */
export type ChatEntry =
  | Exclude<TranscriptEntry, { kind: 'tool' | 'notice' }>
  | ToolEntry
  | { kind: 'notice'; text: string; level?: 'info' | 'warning' }
  | { kind: 'header'; endpoint: EndpointInfo; model: ModelInfo; auth: AuthState; approvalsSkipped: boolean }
  | { kind: 'signup-success'; result: SignupCompleted }
  | { kind: 'outbox'; to: string; directory: string; command: string }
  | { kind: 'command-output'; title: string; lines: string[] };

/** `Static` needs a stable key per printed item. */
export type KeyedEntry = ChatEntry & { id: number };

export interface RunningToolCall {
  callId: string;
  toolName: string;
  title: string;
  argsSummary: string;
}

/** The turn in progress: text still streaming and tool calls still running. */
export interface LiveTurn {
  turnId: string;
  /** Raw accumulated deltas; masked as a whole when drawn so a key split across deltas is still caught. */
  text: string;
  runningTools: RunningToolCall[];
}

export interface TurnUsage {
  inputTokens: number;
  outputTokens: number;
  durationMs: number;
}

export interface InputState {
  value: string;
  history: string[];
  /** Index into `history` while browsing with up/down; null when editing a fresh line. */
  historyIndex: number | null;
  /** What was typed before browsing started, restored when browsing past the newest entry. */
  draft: string;
  /** How many lines were sent: the input box starts afresh (cursor and all) after each one. */
  sent: number;
}

export interface ChatState {
  ready: boolean;
  entries: KeyedEntry[];
  nextEntryId: number;
  live: LiveTurn | null;
  /** A message was sent (or a slash command runs) and has not settled: the input is hidden. */
  busy: boolean;
  /** A message is in flight (possibly queued behind connecting); keeps the input hidden when connecting ends. */
  sending: boolean;
  /** What a running slash command is doing, shown next to a spinner. */
  activity: string | null;
  /** The approval on screen; at most one is ever shown. */
  pendingApproval: ApprovalRequest | null;
  /** Approvals that arrived while another was on screen, shown in turn as each is answered. */
  queuedApprovals: ApprovalRequest[];
  /** When the last approval was answered here (epoch ms), so a double-tapped yes cannot answer the next card. */
  lastApprovalAnsweredAt: number | null;
  /** Answered here but not yet confirmed by `approval-resolved` (kept for the confirmation line). */
  answeredApproval: ApprovalRequest | null;
  pendingSignup: PendingSignup | null;
  auth: AuthState;
  endpoint: EndpointInfo | null;
  model: ModelInfo | null;
  approvalsSkipped: boolean;
  lastUsage: TurnUsage | null;
  lastError: AgentErrorInfo | null;
  /** Set by the first idle Ctrl+C; a second press within the window quits. */
  quitHint: string | null;
  input: InputState;
  /** How many times the screen was cleared for a new conversation (`/new`): the transcript is printed afresh. */
  screenClears: number;
}

/** UI-side actions; core events arrive wrapped as `agent-event`. */
export type ChatAction =
  | { type: 'agent-event'; event: AgentEvent }
  | { type: 'input-changed'; value: string }
  | { type: 'input-submitted'; text: string; remember: boolean }
  | { type: 'send-settled' }
  | { type: 'history-previous' }
  | { type: 'history-next' }
  | { type: 'approval-answered'; approvalId: string; approved: boolean; at?: number }
  | { type: 'local-entry'; entry: ChatEntry }
  | { type: 'activity-started'; label: string }
  | { type: 'activity-finished' }
  | { type: 'quit-hint'; text: string | null }
  /** `/new`: the old conversation leaves the screen; only the header stays. */
  | { type: 'screen-cleared' };

/** Shown while `session.start()` connects and discovers tools. */
export const CONNECTING = 'Connecting to FavCRM…';

export const initialChatState: ChatState = {
  ready: false,
  entries: [],
  nextEntryId: 0,
  live: null,
  // The input is open while the app connects: what is typed meanwhile is sent once the session has started.
  busy: false,
  sending: false,
  activity: CONNECTING,
  pendingApproval: null,
  queuedApprovals: [],
  lastApprovalAnsweredAt: null,
  answeredApproval: null,
  pendingSignup: null,
  auth: { status: 'signed-out' },
  endpoint: null,
  model: null,
  approvalsSkipped: false,
  lastUsage: null,
  lastError: null,
  quitHint: null,
  input: { value: '', history: [], historyIndex: null, draft: '', sent: 0 },
  screenClears: 0,
};
