import type { AgentEvent, ApprovalRequest } from './events.js';

/**
 * Approval prompts waiting for the person. Unanswered approvals fail closed: cancelling the turn, or the
 * turn ending, counts as a no.
 */
export class PendingApprovals {
  private readonly waiting = new Map<string, (approved: boolean) => void>();

  constructor(private readonly emit: (event: AgentEvent) => void) {}

  /** Emits the request and resolves with the person's answer (false when the turn is cancelled). */
  ask(turnId: string, request: ApprovalRequest, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve(false);
      signal.addEventListener('abort', () => this.answer(request.approvalId, false), { once: true });
      this.waiting.set(request.approvalId, (approved) => {
        this.emit({ type: 'approval-resolved', turnId, approvalId: request.approvalId, approved });
        resolve(approved);
      });
      this.emit({ type: 'approval-request', turnId, request });
    });
  }

  /** Answers one prompt; unknown or already answered ids are ignored. */
  answer(approvalId: string, approved: boolean): void {
    const resolve = this.waiting.get(approvalId);
    if (!resolve) return;
    this.waiting.delete(approvalId);
    resolve(approved);
  }

  /** Says no to everything still waiting. */
  declineAll(): void {
    for (const id of [...this.waiting.keys()]) this.answer(id, false);
  }
}
