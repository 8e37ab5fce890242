import type { ToolOutcome } from '../mcp/tool-result.js';
import type { Redactor } from '../secrets/redact-secrets.js';
import { maskLoneCode, maskVerificationCode } from './code-guard.js';
import type { AgentEvent, EndpointInfo, KeyStorageInfo, PendingSignup } from './events.js';

/** Failures after which the pending request is dead and a new code must be requested (contract §5.2). */
const REQUEST_ENDING_FAILURES: ReadonlySet<string> = new Set(['CODE_EXPIRED', 'REQUEST_LOCKED', 'NOT_FOUND', 'INVITE_EXPIRED']);

/** Marks a pending team-invite acceptance (its token is not shown anywhere). */
export const TEAM_INVITE_REQUEST_ID = 'team-invite';

interface SignupTrackerDependencies {
  emit: (event: AgentEvent) => void;
  redactor: Redactor;
  /** Read when needed: a revived sandbox may listen somewhere new. */
  endpoint: () => EndpointInfo;
  now: () => Date;
}

/** Follows a signup (or invite acceptance) from "code sent" to "key stored", and holds the pasted code. */
export class SignupTracker {
  pending: PendingSignup | null = null;
  heldCode: string | null = null;

  constructor(private readonly dependencies: SignupTrackerDependencies) {}

  restore(pending: PendingSignup | null): void {
    this.pending = pending;
  }

  /** Keeps the digits for the verify call and makes sure they never show anywhere else. */
  holdCode(code: string): void {
    this.heldCode = code;
    this.dependencies.redactor.addSecret(code);
  }

  /**
   * True while an emailed code is expected: a signup (only while signed out; digits sent when signed in are prices
   * and quantities) or a team-invite acceptance.
   */
  awaitingCode(signedIn: boolean): boolean {
    return this.pending !== null && (!signedIn || this.pending.requestId === TEAM_INVITE_REQUEST_ID);
  }

  /**
   * The person's message as the model may see it: an awaited code (or a typo of it) held here and replaced by a
   * placeholder; a message that is nothing but a code, when none is awaited and no one is signed in, masked too.
   */
  withCodeHeld(text: string, signedIn: boolean): string {
    const awaited = this.awaitingCode(signedIn);
    const masked = awaited ? maskVerificationCode(text) : signedIn ? { text, code: null } : maskLoneCode(text);
    if (masked.code && awaited) this.holdCode(masked.code);
    else if (masked.code) this.dependencies.redactor.addSecret(masked.code);
    return masked.text;
  }

  afterCall(toolName: string, args: Record<string, unknown>, outcome: ToolOutcome): void {
    const data = (outcome.data ?? {}) as Record<string, unknown>;
    if (outcome.ok && (toolName === 'register_organisation_request' || toolName === 'accept_team_invite_request')) {
      this.pending = {
        requestId: toolName === 'register_organisation_request' ? String(data.requestId ?? '') : TEAM_INVITE_REQUEST_ID,
        maskedEmail: String(data.maskedEmail ?? 'your email'),
        expiresAt: String(data.expiresAt ?? new Date(this.dependencies.now().getTime() + 10 * 60_000).toISOString()),
        ...(typeof args.organisationName === 'string' ? { organisationName: args.organisationName } : {}),
      };
      this.heldCode = null;
      this.dependencies.emit({ type: 'signup-pending', pending: this.pending });
      const endpoint = this.dependencies.endpoint();
      if (endpoint.sandbox && endpoint.outboxDirectory) {
        this.dependencies.emit({
          type: 'outbox-notice',
          to: this.pending.maskedEmail,
          directory: endpoint.outboxDirectory,
          command: endpoint.outboxCommand ?? 'favcrm-chat sandbox outbox',
        });
      }
      return;
    }
    if (!outcome.ok && (toolName === 'register_organisation_verify' || toolName === 'accept_team_invite_verify')) {
      // A wrong code is forgotten so the next paste replaces it; a dead request is dropped entirely.
      this.heldCode = null;
      if (outcome.errorCode && REQUEST_ENDING_FAILURES.has(outcome.errorCode)) this.clear();
    }
  }

  completed(data: Record<string, unknown>, maskedKey: string, storage: KeyStorageInfo): void {
    const organisationName = this.pending?.organisationName ?? (typeof data.organisationName === 'string' ? data.organisationName : undefined);
    this.clear();
    this.dependencies.emit({
      type: 'signup-completed',
      result: {
        ...(organisationName ? { organisationName } : {}),
        ...stringField(data, 'organisationId'),
        ...stringField(data, 'companyId'),
        ...stringField(data, 'userId'),
        ...stringField(data, 'loginUrl'),
        maskedKey,
        storage,
        nextSteps: Array.isArray(data.nextSteps) ? data.nextSteps.map(String).filter((step) => !KEY_STORING_STEP.test(step)) : [],
      },
    });
  }

  clear(): void {
    const hadPending = this.pending !== null;
    this.pending = null;
    this.heldCode = null;
    if (hadPending) this.dependencies.emit({ type: 'signup-cleared' });
  }
}

/**
 * A server's "store the API key safely" step: the app has already done it (the success panel says where), so
 * showing it would send the person looking for a key they were never shown.
 */
const KEY_STORING_STEP = /^\W*(?:store|save|keep|copy)\b[^.]*\b(?:api )?key\b/i;

function stringField(data: Record<string, unknown>, key: string): Record<string, string> {
  const value = data[key];
  return typeof value === 'string' ? { [key]: value } : {};
}
