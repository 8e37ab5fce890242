import type { AgentEvent, ApprovalRequest } from './events.js';

interface Waiting {
  turnId: string;
  request: ApprovalRequest;
  signal: AbortSignal;
  resolve: (approved: boolean) => void;
}

/**
 * Approval prompts waiting for the person, asked one at a time. The model may make several gated calls in one
 * step (the SDK runs them side by side); each is queued and its `approval-request` is emitted only when the one
 * before it has been answered, so the chat and headless mode always have exactly one question on screen and every
 * answer lands on the call it was given for. Unanswered approvals fail closed: cancelling the turn, or the turn
 * ending, counts as a no for the one asked and for every one still queued.
 */
export class PendingApprovals {
  private readonly queue: Waiting[] = [];
  private asked: Waiting | null = null;

  constructor(private readonly emit: (event: AgentEvent) => void) {}

  /** Queues the request and resolves with the person's answer (false when the turn is cancelled). */
  ask(turnId: string, request: ApprovalRequest, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve(false);
      signal.addEventListener('abort', () => this.answer(request.approvalId, false), { once: true });
      this.queue.push({ turnId, request, signal, resolve });
      this.askNext();
    });
  }

  /** Answers one prompt: the one on screen, or (on cancel) one still queued. Unknown ids are ignored. */
  answer(approvalId: string, approved: boolean): void {
    if (this.asked?.request.approvalId === approvalId) {
      const asked = this.asked;
      this.asked = null;
      this.emit({ type: 'approval-resolved', turnId: asked.turnId, approvalId, approved });
      asked.resolve(approved);
      this.askNext();
      return;
    }
    // Only a no can reach a queued prompt (its turn was cancelled): a yes for a question never shown is no answer.
    const index = this.queue.findIndex((waiting) => waiting.request.approvalId === approvalId);
    if (index < 0 || approved) return;
    const [waiting] = this.queue.splice(index, 1);
    waiting?.resolve(false);
  }

  /** Says no to everything still waiting, the queued ones first so none is asked after. */
  declineAll(): void {
    for (const waiting of this.queue.splice(0)) waiting.resolve(false);
    if (this.asked) this.answer(this.asked.request.approvalId, false);
  }

  private askNext(): void {
    if (this.asked) return;
    let next = this.queue.shift();
    // A cancelled turn's questions are never put on screen: they are already a no.
    while (next?.signal.aborted) {
      next.resolve(false);
      next = this.queue.shift();
    }
    if (!next) return;
    this.asked = next;
    this.emit({ type: 'approval-request', turnId: next.turnId, request: next.request });
  }
}
