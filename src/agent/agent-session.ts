import type { ModelMessage } from 'ai';
import type { ConnectReport, ConnectRequest } from '../connect/run-connect.js';
import { searchTools } from './tool-search.js';
import { FavcrmConnectionError, rejectedKeyHint } from '../mcp/connection-errors.js';
import { exposedToolNames, LOAD_TOOLS_NAME, toolSummary } from '../mcp/tool-exposure.js';
import { maskKey } from '../secrets/mask-key.js';
import { createRedactor, type Redactor } from '../secrets/redact-secrets.js';
import { toolMayAsk } from './approval/approval-policy.js';
import { toAgentError } from './agent-errors.js';
import { runDoctor } from './doctor.js';
import type {
  AgentEvent,
  AgentEventListener,
  AgentSessionPort,
  AuthState,
  DoctorReport,
  PendingSignup,
  SandboxEmail,
  ToolSummary,
  TranscriptEntry,
} from './events.js';
import { historyBudgetChars, HistoryWindow } from './context-window.js';
import { buildSystemPrompt } from './prompts.js';
import { runTurn } from './run-turn.js';
import { EMPTY_SESSION_STATE, type SessionState } from './session-state-store.js';
import { PendingApprovals } from './pending-approvals.js';
import { SignupTracker, TEAM_INVITE_REQUEST_ID } from './signup-tracker.js';
import type { AgentSessionOptions } from './agent-session-options.js';
import type { AdoptedKey } from './execute-tool-call.js';
import { FavcrmLink } from './favcrm-link.js';
import { IssuedKeySaver } from './issued-key-saver.js';
import { sessionToolEnvironment } from './session-tool-environment.js';
import { TurnRecord } from './turn-record.js';
import { unsavedKeyNotice } from './unsaved-key.js';
import { errorMessage } from '../errors/error-message.js';

export type { AgentSessionOptions, ResolvedKey } from './agent-session-options.js';

/** The UI-free core: one conversation with one FavCRM endpoint, driven by any AI SDK language model. */
export class AgentSession implements AgentSessionPort {
  private readonly listeners = new Set<AgentEventListener>();
  private readonly redactor: Redactor = createRedactor();
  private readonly now: () => Date;
  private readonly signup: SignupTracker;
  private loadedTools = new Set<string>();
  private apiKey: string | null;
  private auth: AuthState;
  private state: SessionState = structuredClone(EMPTY_SESSION_STATE);
  private running: { turnId: string; controller: AbortController; mustFinish: Promise<unknown>[] } | null = null;
  private readonly approvals = new PendingApprovals((event) => this.emit(event));
  private turnCounter = 0;
  /** Which earlier turns the model is sent; moves in jumps so consecutive requests share their prefix. */
  private readonly historyWindow: HistoryWindow;
  private readonly link: FavcrmLink;
  private readonly keySaver: IssuedKeySaver;

  constructor(private readonly options: AgentSessionOptions) {
    this.link = new FavcrmLink(options.connect, options.endpoint, options.reviveSandbox);
    this.historyWindow = new HistoryWindow(historyBudgetChars(options.contextBudgetTokens));
    this.now = options.now ?? (() => new Date());
    this.apiKey = options.initialKey?.apiKey ?? null;
    this.auth = options.initialKey
      ? { status: 'signed-in', maskedKey: maskKey(options.initialKey.apiKey), storage: options.initialKey.storage }
      : { status: 'signed-out' };
    if (this.apiKey) this.redactor.addSecret(this.apiKey);
    this.keySaver = new IssuedKeySaver(options.secretStore, this.redactor, () => this.link.endpoint);
    this.signup = new SignupTracker({
      emit: (event) => this.emit(event),
      redactor: this.redactor,
      endpoint: () => this.link.endpoint,
      now: this.now,
      signedInAs: () => (this.apiKey ? maskKey(this.apiKey) : null),
    });
  }

  subscribe(listener: AgentEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    const notices = [...(this.options.startupNotices ?? [])];
    if (this.options.stateStore) {
      if (this.options.fresh) this.options.stateStore.clear();
      const loaded = this.options.stateStore.load();
      this.state = loaded.state;
      if (loaded.warning) notices.push(loaded.warning);
    }
    // A signup that finished while the process died (its key is stored, so someone else is signed in now than when
    // it was requested) is not pending any more; one started while signed in, for a second business, still is.
    const pending = this.state.pendingSignup;
    const finished =
      pending !== null && pending.requestId !== TEAM_INVITE_REQUEST_ID && this.apiKey !== null && pending.startedSignedInAs !== maskKey(this.apiKey);
    this.signup.restore(finished ? null : pending);
    let startError: ReturnType<typeof toAgentError> | null = null;
    try {
      await this.ensureConnected();
    } catch (error) {
      startError = toAgentError(error);
    }
    // The header (session-ready) first, then what went wrong: headless output and the chat read top to bottom.
    this.emit({
      type: 'session-ready',
      endpoint: this.link.endpoint,
      model: this.options.modelInfo,
      auth: this.auth,
      pendingSignup: this.signup.pending,
      // A copy: the UI reads it after later events (a message typed while connecting) have grown the transcript.
      history: [...this.state.transcript],
      approvalsSkipped: this.options.autoApprove === true,
    });
    if (startError) this.emit({ type: 'error', error: startError });
    for (const text of notices) this.emit({ type: 'notice', level: 'warning', text });
  }

  async send(rawText: string): Promise<void> {
    const text = rawText.trim();
    if (!text) return;
    if (this.running) {
      this.emit({ type: 'error', error: { code: 'BUSY', message: 'Still working on the previous message.', hint: 'Wait for it to finish, or press Ctrl+C to cancel it.' } });
      return;
    }
    const turnId = `turn_${Date.now().toString(36)}_${++this.turnCounter}`;
    const controller = new AbortController();
    const mustFinish: Promise<unknown>[] = [];
    const signedOutAtStart = this.apiKey === null;
    this.running = { turnId, controller, mustFinish };

    // The emailed code stays here: the model, the transcript and the state file only ever see the placeholder.
    const visibleText = this.redactor.redact(this.signup.withCodeHeld(text, this.apiKey !== null));
    this.state.messages.push({ role: 'user', content: visibleText });
    this.appendTranscript({ kind: 'user', text: visibleText });
    this.emit({ type: 'user-message', turnId, text: visibleText });
    this.emit({ type: 'turn-start', turnId });

    const started = Date.now();
    const record = new TurnRecord((name) => this.link.tool(name)?.annotations.readOnlyHint === true, (entry) => this.appendTranscript(entry));
    // One clock reading per turn: every step of it sends the same time, so its requests share their prefix.
    const turnClock = this.now();
    let reason: 'done' | 'cancelled' | 'error' = 'done';
    let finishedSteps: ModelMessage[] = [];
    try {
      await this.ensureConnected();
      const output = await runTurn({
        model: this.options.model,
        messages: this.historyWindow.select(this.state.messages),
        catalogue: this.link.catalogue,
        maxRetries: this.options.maxRetries ?? 2,
        onStepMessages: (messages) => (finishedSteps = messages),
        ...(this.options.contextBudgetTokens ? { budgetTokens: this.options.contextBudgetTokens } : {}),
        emit: (event) => {
          // Recorded as it is shown, so a restored transcript keeps the screen's order of text and tool cards.
          if (event.type === 'assistant-message') this.appendTranscript({ kind: 'assistant', text: event.text });
          this.emit(event);
        },
        stepContext: () => ({
          system: buildSystemPrompt({ auth: this.auth, pendingSignup: this.signup.pending, now: turnClock.toISOString(), justSignedUp: signedOutAtStart && this.apiKey !== null }),
          // The loader only while signed in: before signup there is nothing it could load.
          toolNames: [...exposedToolNames(this.link.catalogue, this.apiKey !== null, this.loadedTools), ...(this.apiKey !== null ? [LOAD_TOOLS_NAME] : [])],
        }),
        environment: sessionToolEnvironment(
          { id: turnId, controller, mustFinish },
          {
            link: this.link,
            loadedTools: this.loadedTools,
            signedIn: () => this.apiKey !== null,
            approvals: this.approvals,
            autoApprove: this.options.autoApprove === true,
            signup: this.signup,
            adoptIssuedKey: (apiKey) => this.adoptIssuedKey(apiKey),
            redactor: this.redactor,
            emit: (event) => {
              if (event.type === 'tool-call-end') record.toolEnded(event);
              this.emit(event);
            },
          },
        ),
      });
      this.state.messages.push(...(this.redactor.redactDeep(output.responseMessages) as ModelMessage[]));
      if (!this.options.modelInfo.offline) {
        this.emit({ type: 'usage', turnId, inputTokens: output.usage.inputTokens, outputTokens: output.usage.outputTokens, durationMs: Date.now() - started });
      }
    } catch (error) {
      // Steps that finished before the failure (a verify, say) stay in the model's history.
      this.state.messages.push(...(this.redactor.redactDeep(finishedSteps) as ModelMessage[]));
      // A call that found the transport dead aborted the turn with that error; Ctrl+C aborts with none of ours.
      const fatal: unknown = controller.signal.reason;
      if (controller.signal.aborted && FavcrmConnectionError.isInstance(fatal)) {
        reason = 'error';
        this.link.drop();
        if (!(await this.reviveBorrowedSandbox(fatal))) this.reportError(turnId, fatal);
      } else if (controller.signal.aborted) {
        reason = 'cancelled';
        // A verify already sent is waited for: its key exists only in that answer.
        await Promise.all(mustFinish);
        const text =
          signedOutAtStart && this.apiKey !== null
            ? 'The code had already gone to FavCRM before you cancelled: the workspace exists and its key is stored.'
            : record.cancelledText(this.signup.pending);
        this.appendTranscript({ kind: 'notice', text });
        if (text !== 'Cancelled.') {
          this.emit({ type: 'notice', level: 'info', text });
          // The model's history says so too: otherwise the next message reads as a resend of this one, done again.
          this.state.messages.push({ role: 'assistant', content: this.redactor.redact(text) });
        }
      } else {
        reason = 'error';
        if (FavcrmConnectionError.isInstance(error)) this.link.drop();
        if (!(await this.reviveBorrowedSandbox(error))) this.reportError(turnId, error);
      }
    } finally {
      this.approvals.declineAll();
      this.running = null;
      this.persist();
      this.emit({ type: 'turn-end', turnId, reason });
    }
  }

  answerApproval(approvalId: string, approved: boolean): void {
    this.approvals.answer(approvalId, approved);
  }

  cancel(): boolean {
    if (!this.running) return false;
    this.running.controller.abort();
    this.approvals.declineAll();
    return true;
  }

  async doctor(): Promise<DoctorReport> {
    const [report, modelContext] = await Promise.all([
      runDoctor({
        url: this.link.endpoint.url,
        apiKey: this.apiKey,
        authSource: this.options.initialKey?.source ?? (this.apiKey ? 'signup' : null),
        connect: this.options.connect,
        ...(this.options.keyNotFromThisServer && this.apiKey === this.options.initialKey?.apiKey ? { keyNotFromThisServer: this.options.keyNotFromThisServer } : {}),
      }),
      this.options.probeModelContext?.(),
    ]);
    return modelContext ? { ...report, modelContext } : report;
  }

  async listTools(filter?: string): Promise<ToolSummary[]> {
    if (this.link.catalogue.length === 0) await this.ensureConnected();
    return searchTools(this.link.catalogue, filter)
      .map((tool) => ({ name: tool.name, title: tool.title, summary: toolSummary(tool), requiresApproval: toolMayAsk(tool) }));
  }

  async readOutbox(limit = 5): Promise<SandboxEmail[] | null> {
    return this.options.readOutbox?.(limit) ?? null;
  }

  authStatus(): AuthState {
    return this.auth;
  }

  async logout(): Promise<void> {
    await this.keySaver.forget();
    this.apiKey = null;
    this.auth = { status: 'signed-out' };
    this.loadedTools.clear();
    await this.reconnect();
    this.emit({ type: 'auth-changed', auth: this.auth });
  }

  async reset(): Promise<void> {
    this.cancel();
    this.state = structuredClone(EMPTY_SESSION_STATE);
    this.signup.clear();
    this.loadedTools.clear();
    this.options.stateStore?.clear();
    this.emit({ type: 'notice', level: 'info', text: 'Started a new conversation.' });
  }

  /** The signup waiting for its code, if any (what a quit mid-request leaves to paste next time). */
  pendingSignup(): PendingSignup | null {
    return this.signup.pending;
  }

  /** The core writes the client file; the key goes in only for a client that cannot take a reference, and never comes back. */
  async connectClient(request: ConnectRequest): Promise<ConnectReport> {
    if (!this.options.connectClients) throw new Error('Connecting other MCP clients is not available in this session.');
    const storage = this.auth.status === 'signed-in' ? this.auth.storage : null;
    return this.options.connectClients(request, { url: this.link.endpoint.url, sandbox: this.link.endpoint.sandbox, apiKey: this.apiKey, storage });
  }

  /** True while a call that must not be abandoned is in flight (a verify carries the key; a write was sent). */
  hasCallThatMustFinish(): boolean {
    return (this.running?.mustFinish.length ?? 0) > 0;
  }

  async close(): Promise<void> {
    const mustFinish = this.running?.mustFinish ?? [];
    this.cancel();
    // Ctrl+D or a second Ctrl+C mid-verify: the answer carries the only copy of the key, so it is waited for.
    await Promise.all(mustFinish);
    this.persist();
    await this.link.close();
  }

  /** Shows a one-line warning (e.g. the key went to the file because the keyring failed). */
  announce(text: string): void {
    this.emit({ type: 'notice', level: 'warning', text: this.redactor.redact(text) });
  }

  /** The model messages so far (already redacted); tests and benchmarks read them. */
  get messages(): readonly ModelMessage[] {
    return this.state.messages;
  }

  private emit(event: AgentEvent): void {
    // Panels the screen shows are saved too, so a resumed conversation shows what the screen showed.
    if (event.type === 'signup-completed') this.appendTranscript({ kind: 'signup-success', result: event.result });
    if (event.type === 'outbox-notice') this.appendTranscript({ kind: 'outbox', to: event.to, directory: event.directory, command: event.command });
    for (const listener of this.listeners) listener(event);
  }

  private async ensureConnected(): Promise<void> {
    try {
      await this.link.ensure(this.apiKey);
    } catch (error) {
      if (!(FavcrmConnectionError.isInstance(error) && error.kind === 'unauthorized' && this.apiKey)) throw error;
      // A rejected saved key must not lock the person out: continue signed out and say why.
      // Only the server that issued the key can call it rejected; a sandbox over other data never saw it.
      const elsewhere = this.apiKey === this.options.initialKey?.apiKey ? (this.options.keyNotFromThisServer?.() ?? null) : null;
      const text = elsewhere ?? `${error.message} Continuing signed out. ${rejectedKeyHint(this.options.initialKey?.source)}`;
      this.emit({ type: 'notice', level: 'warning', text });
      this.apiKey = null;
      this.auth = { status: 'signed-out' };
      this.emit({ type: 'auth-changed', auth: this.auth });
      await this.link.ensure(null);
    }
  }

  /** A borrowed sandbox that went away is replaced by our own on the same data, and the person told (FavcrmLink.revive). */
  private async reviveBorrowedSandbox(error: unknown): Promise<boolean> {
    const text = await this.link.revive(error, () => this.ensureConnected());
    if (!text) return false;
    this.appendTranscript({ kind: 'notice', text });
    this.emit({ type: 'notice', level: 'warning', text });
    return true;
  }

  private async reconnect(): Promise<void> {
    await this.link.close();
    await this.ensureConnected();
  }

  /**
   * Stores the key, reconnects with `Authorization: Bearer`, and rediscovers tools, all without a restart. A key
   * FavCRM shows once is never lost: when every store fails it is kept for this session (see `saveUnsavedKey`).
   */
  private async adoptIssuedKey(apiKey: string): Promise<AdoptedKey> {
    const maskedKey = maskKey(apiKey);
    const { storage, problem } = await this.keySaver.save(apiKey);
    this.apiKey = apiKey;
    this.auth = { status: 'signed-in', maskedKey, storage };
    await this.reconnect();
    this.emit({ type: 'auth-changed', auth: this.auth });
    if (problem) this.emit({ type: 'notice', level: 'warning', text: unsavedKeyNotice(maskedKey, problem) });
    return { maskedKey, location: storage.location, storage, ...(problem ? { problem } : {}) };
  }

  /** `/save-key` (see IssuedKeySaver); never throws. */
  async saveUnsavedKey(): Promise<string> {
    const { line, storage } = await this.keySaver.saveUnsaved();
    if (storage && this.apiKey) {
      this.auth = { status: 'signed-in', maskedKey: maskKey(this.apiKey), storage };
      this.emit({ type: 'auth-changed', auth: this.auth });
    }
    return line;
  }

  /** `/reveal-key` (see IssuedKeySaver). */
  revealUnsavedKey(show: (apiKey: string) => void): boolean {
    return this.keySaver.reveal(show);
  }

  private reportError(turnId: string, error: unknown): void {
    const info = toAgentError(error);
    this.appendTranscript({ kind: 'error', message: info.message, ...(info.hint ? { hint: info.hint } : {}) });
    this.emit({ type: 'error', turnId, error: info });
  }

  private appendTranscript(entry: TranscriptEntry): void {
    this.state.transcript.push(this.redactor.redactDeep(entry) as TranscriptEntry);
  }

  private persist(): void {
    this.state.pendingSignup = this.signup.pending;
    try {
      this.options.stateStore?.save(this.state);
    } catch (error) {
      this.emit({ type: 'notice', level: 'warning', text: `Could not save the conversation: ${errorMessage(error)}` });
    }
  }
}

export type { PendingSignup };
