import type { ConnectReport, ConnectRequest } from '../../src/connect/run-connect.js';
/**
 * A fake `AgentSessionPort` that replays scripted reactions, for UI tests and demos without a model or a server.
 * Each `send(text)` picks the first unused reaction that matches and plays its steps as events.
 */
import type {
  AgentEvent,
  AgentEventListener,
  AgentSessionPort,
  ApprovalRequest,
  AuthState,
  DoctorReport,
  EndpointInfo,
  ModelInfo,
  PendingSignup,
  SandboxEmail,
  ToolSummary,
  TranscriptEntry,
} from '../../src/agent/events.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Any event; `turnId` is filled in with the current turn's id when left out. */
export type ScriptedEvent = AgentEvent | DistributiveOmit<Extract<AgentEvent, { turnId: string }>, 'turnId'>;

export type ScriptStep =
  | { kind: 'event'; event: ScriptedEvent }
  /** Emits the approval request, waits for `answerApproval`, emits `approval-resolved`, then plays a branch. */
  | { kind: 'approval'; request: ApprovalRequest; approved: ScriptStep[]; declined: ScriptStep[] }
  /** A long-running step: waits until `cancel()`; the turn then ends as cancelled. */
  | { kind: 'wait-for-cancel' }
  | { kind: 'delay'; ms: number };

export interface ScriptedReaction {
  match: string | RegExp | ((text: string) => boolean);
  steps: ScriptStep[];
  /** What the `user-message` event shows (the real core redacts codes); defaults to the text sent. */
  echo?: string;
  /** Reactions are used once unless marked `repeat`. */
  repeat?: boolean;
}

export interface ScriptedSessionOptions {
  endpoint?: EndpointInfo;
  model?: ModelInfo;
  auth?: AuthState;
  pendingSignup?: PendingSignup | null;
  history?: TranscriptEntry[];
  approvalsSkipped?: boolean;
  reactions?: ScriptedReaction[];
  doctorReport?: DoctorReport;
  tools?: ToolSummary[];
  /** What `/outbox` lists; null (the default for a non-sandbox endpoint) means "not the embedded sandbox". */
  outbox?: SandboxEmail[] | null;
  /** What `/connect` answers; the default throws, as a session without connect would. */
  connect?: (request: ConnectRequest) => ConnectReport | Promise<ConnectReport>;
  /** Makes `start()` reject with this message (to test a dead endpoint). */
  startError?: string;
  /** Pause between events so each one gets its own frame; 0 still yields to the event loop. */
  stepDelayMs?: number;
}

export interface ScriptedSessionCalls {
  start: number;
  send: string[];
  answerApproval: { approvalId: string; approved: boolean }[];
  /** One entry per call: whether something was cancelled. */
  cancel: boolean[];
  doctor: number;
  listTools: (string | undefined)[];
  authStatus: number;
  logout: number;
  connectClient: ConnectRequest[];
  reset: number;
  close: number;
}

/** Builders for readable scripts. */
export const script = {
  /** Streams `text` in a few deltas, then finishes the assistant message. */
  say(text: string, chunks = 3): ScriptStep[] {
    const size = Math.max(1, Math.ceil(text.length / chunks));
    const deltas: ScriptStep[] = [];
    for (let start = 0; start < text.length; start += size) {
      deltas.push({ kind: 'event', event: { type: 'text-delta', text: text.slice(start, start + size) } });
    }
    return [...deltas, { kind: 'event', event: { type: 'assistant-message', text } }];
  },
  /** A tool call that starts and ends. */
  tool(
    callId: string,
    toolName: string,
    result: { title?: string; argsSummary?: string; ok?: boolean; summary: string; errorCode?: string; data?: unknown },
  ): ScriptStep[] {
    const title = result.title ?? toolName;
    return [
      { kind: 'event', event: { type: 'tool-call-start', callId, toolName, title, argsSummary: result.argsSummary ?? '' } },
      {
        kind: 'event',
        event: {
          type: 'tool-call-end',
          callId,
          toolName,
          title,
          argsSummary: result.argsSummary ?? '',
          ok: result.ok ?? true,
          summary: result.summary,
          ...(result.errorCode !== undefined ? { errorCode: result.errorCode } : {}),
          ...(result.data !== undefined ? { data: result.data } : {}),
        },
      },
    ];
  },
  emit(...events: ScriptedEvent[]): ScriptStep[] {
    return events.map((event) => ({ kind: 'event', event }));
  },
  approval(request: ApprovalRequest, approved: ScriptStep[], declined: ScriptStep[]): ScriptStep[] {
    return [{ kind: 'approval', request, approved, declined }];
  },
  waitForCancel(): ScriptStep[] {
    return [{ kind: 'wait-for-cancel' }];
  },
};

const DEFAULT_ENDPOINT: EndpointInfo = { url: 'http://127.0.0.1:7777/mcp', sandbox: true, outboxDirectory: '/tmp/favcrm-outbox' };
const DEFAULT_MODEL: ModelInfo = { label: 'offline', offline: true };

/** The scripted fake; `calls` records everything the UI asked of it. */
export class ScriptedSession implements AgentSessionPort {
  readonly calls: ScriptedSessionCalls = {
    start: 0, send: [], answerApproval: [], cancel: [], doctor: 0, listTools: [], authStatus: 0, logout: 0, connectClient: [], reset: 0, close: 0,
  };
  private readonly listeners = new Set<AgentEventListener>();
  private readonly reactions: ScriptedReaction[];
  private readonly used = new Set<ScriptedReaction>();
  private auth: AuthState;
  private pendingSignup: PendingSignup | null;
  private turnCount = 0;
  private running: { turnId: string; cancelled: boolean; wake: () => void } | null = null;
  private readonly approvalWaiters = new Map<string, (approved: boolean) => void>();

  constructor(private readonly options: ScriptedSessionOptions = {}) {
    this.reactions = options.reactions ?? [];
    this.auth = options.auth ?? { status: 'signed-out' };
    this.pendingSignup = options.pendingSignup ?? null;
  }

  subscribe(listener: AgentEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Emits an event to subscribers right now (for tests that poke the UI between turns). */
  emit(event: AgentEvent): void {
    if (event.type === 'auth-changed') this.auth = event.auth;
    if (event.type === 'signup-pending') this.pendingSignup = event.pending;
    if (event.type === 'signup-cleared' || event.type === 'signup-completed') this.pendingSignup = null;
    for (const listener of [...this.listeners]) listener(event);
  }

  async start(): Promise<void> {
    this.calls.start += 1;
    await this.pause();
    if (this.options.startError) throw new Error(this.options.startError);
    this.emit({
      type: 'session-ready',
      endpoint: this.options.endpoint ?? DEFAULT_ENDPOINT,
      model: this.options.model ?? DEFAULT_MODEL,
      auth: this.auth,
      pendingSignup: this.pendingSignup,
      history: this.options.history ?? [],
      approvalsSkipped: this.options.approvalsSkipped ?? false,
    });
  }

  async send(text: string): Promise<void> {
    this.calls.send.push(text);
    const reaction = this.reactions.find((candidate) => !this.used.has(candidate) && matches(candidate.match, text));
    if (reaction && !reaction.repeat) this.used.add(reaction);
    this.turnCount += 1;
    const turnId = `turn-${this.turnCount}`;
    const turn = { turnId, cancelled: false, wake: () => {} };
    this.running = turn;
    this.emit({ type: 'user-message', turnId, text: reaction?.echo ?? text });
    this.emit({ type: 'turn-start', turnId });
    const steps = reaction?.steps ?? script.say(`(no scripted reaction for "${text}")`, 1);
    await this.play(steps, turn);
    this.running = null;
    this.emit({ type: 'turn-end', turnId, reason: turn.cancelled ? 'cancelled' : 'done' });
  }

  answerApproval(approvalId: string, approved: boolean): void {
    this.calls.answerApproval.push({ approvalId, approved });
    const waiter = this.approvalWaiters.get(approvalId);
    this.approvalWaiters.delete(approvalId);
    waiter?.(approved);
  }

  cancel(): boolean {
    const cancelled = this.running !== null && !this.running.cancelled;
    this.calls.cancel.push(cancelled);
    if (this.running && cancelled) {
      this.running.cancelled = true;
      this.running.wake();
      for (const [approvalId, waiter] of this.approvalWaiters) {
        this.approvalWaiters.delete(approvalId);
        waiter(false);
      }
    }
    return cancelled;
  }

  async doctor(): Promise<DoctorReport> {
    this.calls.doctor += 1;
    await this.pause();
    const endpoint = this.options.endpoint ?? DEFAULT_ENDPOINT;
    return this.options.doctorReport ?? { url: endpoint.url, reachable: true, authenticated: this.auth.status === 'signed-in' };
  }

  async listTools(filter?: string): Promise<ToolSummary[]> {
    this.calls.listTools.push(filter);
    await this.pause();
    const tools = this.options.tools ?? [];
    return filter ? tools.filter((tool) => tool.name.includes(filter) || tool.title.toLowerCase().includes(filter.toLowerCase())) : tools;
  }

  async readOutbox(limit = 5): Promise<SandboxEmail[] | null> {
    await this.pause();
    const outbox = this.options.outbox ?? ((this.options.endpoint ?? DEFAULT_ENDPOINT).sandbox ? [] : null);
    return outbox?.slice(0, limit) ?? null;
  }

  authStatus(): AuthState {
    this.calls.authStatus += 1;
    return this.auth;
  }

  async saveUnsavedKey(): Promise<string> {
    return 'There is no unsaved key: the key in use is already stored (see /auth).';
  }

  revealUnsavedKey(): boolean {
    return false;
  }

  async logout(): Promise<void> {
    this.calls.logout += 1;
    await this.pause();
    this.emit({ type: 'auth-changed', auth: { status: 'signed-out' } });
  }

  async connectClient(request: ConnectRequest): Promise<ConnectReport> {
    this.calls.connectClient.push(request);
    await this.pause();
    if (!this.options.connect) throw new Error('Connecting other MCP clients is not available in this session.');
    return this.options.connect(request);
  }

  async reset(): Promise<void> {
    this.calls.reset += 1;
    await this.pause();
    if (this.pendingSignup) this.emit({ type: 'signup-cleared' });
    this.emit({ type: 'notice', level: 'info', text: 'Started a new conversation.' });
  }

  async close(): Promise<void> {
    this.calls.close += 1;
    this.cancel();
  }

  private async play(steps: ScriptStep[], turn: { turnId: string; cancelled: boolean; wake: () => void }): Promise<void> {
    for (const step of steps) {
      if (turn.cancelled) return;
      await this.pause();
      if (step.kind === 'event') {
        this.emit(withTurnId(step.event, turn.turnId));
      } else if (step.kind === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, step.ms));
      } else if (step.kind === 'wait-for-cancel') {
        await new Promise<void>((resolve) => {
          turn.wake = resolve;
        });
      } else {
        const answer = new Promise<boolean>((resolve) => this.approvalWaiters.set(step.request.approvalId, resolve));
        this.emit({ type: 'approval-request', turnId: turn.turnId, request: step.request });
        const approved = await answer;
        if (turn.cancelled) return;
        this.emit({ type: 'approval-resolved', turnId: turn.turnId, approvalId: step.request.approvalId, approved });
        await this.play(approved ? step.approved : step.declined, turn);
      }
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.options.stepDelayMs ?? 0));
  }
}

function matches(match: ScriptedReaction['match'], text: string): boolean {
  if (typeof match === 'string') return text.trim().toLowerCase() === match.trim().toLowerCase();
  if (match instanceof RegExp) return match.test(text);
  return match(text);
}

function withTurnId(event: ScriptedEvent, turnId: string): AgentEvent {
  return ('turnId' in event || !NEEDS_TURN_ID.has(event.type) ? event : { ...event, turnId }) as AgentEvent;
}

const NEEDS_TURN_ID = new Set<string>([
  'user-message', 'turn-start', 'text-delta', 'assistant-message', 'tool-call-start', 'tool-call-end',
  'approval-request', 'approval-resolved', 'usage', 'turn-end',
]);
