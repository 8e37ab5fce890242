import type { ToolOutcome } from '../mcp/tool-result.js';
import type { Redactor } from '../secrets/redact-secrets.js';
import { CODE_PLACEHOLDER, maskLoneCode, maskVerificationCode } from './code-guard.js';
import type { AgentEvent, EndpointInfo, KeyStorageInfo, PendingSignup } from './events.js';

/** Failures after which the pending request is dead and a new code must be requested (contract §5.2); a verify answered with a malformed key used the request up. */
const REQUEST_ENDING_FAILURES: ReadonlySet<string> = new Set(['CODE_EXPIRED', 'REQUEST_LOCKED', 'NOT_FOUND', 'INVITE_EXPIRED', 'KEY_MALFORMED']);

/** Marks a pending team-invite acceptance (its token is not shown anywhere). */
export const TEAM_INVITE_REQUEST_ID = 'team-invite';

interface SignupTrackerDependencies {
  emit: (event: AgentEvent) => void;
  redactor: Redactor;
  /** Read when needed: a revived sandbox may listen somewhere new. */
  endpoint: () => EndpointInfo;
  now: () => Date;
  /** The masked key of whoever is signed in, or null: a restart can then tell a finished signup from a pending one. */
  signedInAs: () => string | null;
}

/** What a verify call needs from the pending record, or why it cannot be made. */
export type VerifyPreparation = { ok: true } | { ok: false; code: string; message: string };

/** Follows a signup (or invite acceptance) from "code sent" to "key stored", and holds the pasted code. */
export class SignupTracker {
  pending: PendingSignup | null = null;
  heldCode: string | null = null;
  /** Every code pasted for the pending request: masked in later messages however split. */
  private readonly pastedCodes = new Set<string>();
  /** The invite token of a pending invite acceptance: kept in memory only, never shown or saved. */
  private inviteToken: string | null = null;

  constructor(private readonly dependencies: SignupTrackerDependencies) {}

  restore(pending: PendingSignup | null): void {
    this.pending = pending;
  }

  /** Keeps the digits for the verify call and makes sure they never show anywhere else. */
  holdCode(code: string): void {
    this.heldCode = code;
    this.pastedCodes.add(code);
    this.dependencies.redactor.addSecret(code);
  }

  /**
   * True while an emailed code is expected: a signup or a team-invite acceptance is pending, whether or not someone
   * is signed in (signing a second business up while signed in sends a code too).
   */
  awaitingCode(): boolean {
    return this.pending !== null;
  }

  /**
   * The person's message as the model may see it: while a code is awaited, every six-digit number (or a typo of
   * one, or a code pasted before) is held here and replaced by a placeholder; when none is awaited and no one is
   * signed in, a message that is nothing but a code is masked too.
   */
  withCodeHeld(text: string, signedIn: boolean): string {
    if (this.awaitingCode()) {
      const masked = maskVerificationCode(text, this.pastedCodes);
      if (masked.code) this.holdCode(masked.code);
      return masked.text;
    }
    if (signedIn) return text;
    const masked = maskLoneCode(text);
    if (masked.code) this.dependencies.redactor.addSecret(masked.code);
    return masked.text;
  }

  /**
   * Fills a verify call from the pending record: the held code, and the requestId (or invite token) of the request
   * this app started, whatever the model wrote there (a model that flips one letter's case would get NOT_FOUND and
   * waste the code). Refuses a verify with nothing pending or no code typed.
   */
  prepareVerify(toolName: string, args: Record<string, unknown>): VerifyPreparation {
    const pending = this.pending;
    const forInvite = toolName === 'accept_team_invite_verify';
    if (!pending || (pending.requestId === TEAM_INVITE_REQUEST_ID) !== forInvite) {
      const start = forInvite ? 'accept_team_invite_request' : 'register_organisation_request';
      return { ok: false, code: 'NO_PENDING_REQUEST', message: `No ${forInvite ? 'invite acceptance' : 'signup'} started here is waiting for a code. Call ${start} first.` };
    }
    if (!this.heldCode) {
      return { ok: false, code: 'CODE_MISSING', message: `No code has been pasted yet. Ask the person to paste the 6-digit code, then pass ${CODE_PLACEHOLDER} as code.` };
    }
    args.code = this.heldCode;
    if (forInvite) {
      if (this.inviteToken !== null) args.token = this.inviteToken;
    } else {
      args.requestId = pending.requestId;
    }
    return { ok: true };
  }

  afterCall(toolName: string, args: Record<string, unknown>, outcome: ToolOutcome): void {
    const data = (outcome.data ?? {}) as Record<string, unknown>;
    if (outcome.ok && (toolName === 'register_organisation_request' || toolName === 'accept_team_invite_request')) {
      this.pending = {
        requestId: toolName === 'register_organisation_request' ? String(data.requestId ?? '') : TEAM_INVITE_REQUEST_ID,
        maskedEmail: String(data.maskedEmail ?? 'your email'),
        expiresAt: String(data.expiresAt ?? new Date(this.dependencies.now().getTime() + 10 * 60_000).toISOString()),
        ...(typeof args.organisationName === 'string' ? { organisationName: args.organisationName } : {}),
        ...(this.dependencies.signedInAs() ? { startedSignedInAs: this.dependencies.signedInAs() as string } : {}),
      };
      this.inviteToken = toolName === 'accept_team_invite_request' && typeof args.token === 'string' ? args.token : null;
      this.heldCode = null;
      this.pastedCodes.clear();
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
      // Only a failure of the pending request's own verify says anything about it: an id the model made up, or a
      // refusal before the call was sent, leaves the pending request (and the code in the person's inbox) alone.
      if (!this.isPendingRequest(toolName, args)) return;
      // A wrong code is forgotten so the next paste replaces it; a dead request is dropped entirely.
      this.heldCode = null;
      if (outcome.errorCode && REQUEST_ENDING_FAILURES.has(outcome.errorCode)) this.clear();
    }
  }

  /** True when these verify arguments are the pending request's (as `prepareVerify` filled them). */
  private isPendingRequest(toolName: string, args: Record<string, unknown>): boolean {
    if (!this.pending) return false;
    if (toolName === 'accept_team_invite_verify') return this.pending.requestId === TEAM_INVITE_REQUEST_ID && (this.inviteToken === null || args.token === this.inviteToken);
    return args.requestId === this.pending.requestId;
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
    this.pastedCodes.clear();
    this.inviteToken = null;
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
