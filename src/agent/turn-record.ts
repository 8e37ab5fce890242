import type { AgentEvent, PendingSignup, TranscriptEntry } from './events.js';
import { tablePreview } from './transcript-table.js';

/** What one turn leaves behind: its tool cards in the saved transcript, and what FavCRM changed, for a cancel to say. */
export class TurnRecord {
  private readonly changes: string[] = [];

  constructor(
    private readonly readOnly: (toolName: string) => boolean,
    private readonly appendTranscript: (entry: TranscriptEntry) => void,
  ) {}

  /** A finished card, saved as the screen shows it (its first table rows too), from the end event alone. */
  toolEnded(event: Extract<AgentEvent, { type: 'tool-call-end' }>): void {
    if (event.ok && !this.readOnly(event.toolName)) this.changes.push(`${event.title} (${event.summary})`);
    const table = event.ok ? tablePreview(event.data) : null;
    this.appendTranscript({ kind: 'tool', toolName: event.toolName, title: event.title, argsSummary: event.argsSummary, ok: event.ok, summary: event.summary, ...(table ? { table } : {}) });
  }

  /** What a cancel did and did not stop: calls already sent ran to their answer, and are named. */
  cancelledText(pending: PendingSignup | null): string {
    if (this.changes.length === 0) return 'Cancelled.';
    const code = pending ? ` The code went to ${pending.maskedEmail}: paste it here when it arrives.` : '';
    return `Cancelled, but FavCRM had already done this before the cancel reached it: ${this.changes.join('; ')}.${code}`;
  }
}
