import type { ConnectReport, ConnectRequest } from '../connect/run-connect.js';
import { SessionSetupError } from '../errors/session-setup-error.js';
import type { AgentEventListener, AgentSessionPort, AuthState, DoctorReport, SandboxEmail, ToolSummary } from '../agent/events.js';

export { SessionSetupError };

const SIGNED_OUT: AuthState = { status: 'signed-out' };

/**
 * A session port over a session that is still being built. The chat draws its first frame (and takes typing)
 * while the AI SDK, the MCP client and the embedded sandbox load; every call waits for the real session, and what
 * is typed meanwhile is sent once it has started. Events reach listeners that subscribed before it existed.
 */
export class DeferredSession implements AgentSessionPort {
  private session: AgentSessionPort | null = null;
  private readonly listeners = new Set<AgentEventListener>();
  private readonly ready: Promise<AgentSessionPort>;
  private started: Promise<void> | null = null;

  constructor(pending: Promise<AgentSessionPort>) {
    this.ready = pending.then(
      (session) => {
        this.session = session;
        session.subscribe((event) => {
          for (const listener of this.listeners) listener(event);
        });
        return session;
      },
      (error: unknown) => {
        throw new SessionSetupError(error);
      },
    );
    // Awaited by every call; this only keeps a setup failure nobody has asked about yet from going unhandled.
    this.ready.catch(() => undefined);
  }

  subscribe(listener: AgentEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for the session, then starts it; rejects with SessionSetupError when it could not be built. */
  start(): Promise<void> {
    this.started ??= this.ready.then((session) => session.start());
    return this.started;
  }

  /** Typed before the session was ready: held until it has started, then sent like any other message. */
  async send(text: string): Promise<void> {
    const session = await this.ready;
    await this.start().catch(() => undefined);
    return session.send(text);
  }

  answerApproval(approvalId: string, approved: boolean): void {
    this.session?.answerApproval(approvalId, approved);
  }

  cancel(): boolean {
    return this.session?.cancel() ?? false;
  }

  async doctor(): Promise<DoctorReport> {
    return (await this.ready).doctor();
  }

  async listTools(filter?: string): Promise<ToolSummary[]> {
    return (await this.ready).listTools(filter);
  }

  async readOutbox(limit?: number): Promise<SandboxEmail[] | null> {
    return (await this.ready).readOutbox(limit);
  }

  /** Signed out until the real session says otherwise (its `session-ready` event carries the truth). */
  authStatus(): AuthState {
    return this.session?.authStatus() ?? SIGNED_OUT;
  }

  async logout(): Promise<void> {
    return (await this.ready).logout();
  }

  async saveUnsavedKey(): Promise<string> {
    return (await this.ready).saveUnsavedKey();
  }

  /** Nothing to reveal before the session exists: no key can have been issued yet. */
  revealUnsavedKey(show: (apiKey: string) => void): boolean {
    return this.session?.revealUnsavedKey(show) ?? false;
  }

  async reset(): Promise<void> {
    return (await this.ready).reset();
  }

  async connectClient(request: ConnectRequest): Promise<ConnectReport> {
    return (await this.ready).connectClient(request);
  }

  /** Closes the session if it was ever built; a failed setup has nothing to close. */
  async close(): Promise<void> {
    const session = await this.ready.catch(() => null);
    await session?.close();
  }
}
