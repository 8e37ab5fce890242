/** A message the sandbox "emails": written to `DIR/outbox/` as an RFC 822 `.eml` file instead of being sent. */
export interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  /** The 6-digit code carried by the message, when it carries one (shown by `sandbox outbox`). */
  code?: string;
}

export interface OutboxEntry extends OutboxMessage {
  id: string;
  /** ISO time the message was written. */
  sentAt: string;
  /** Absolute path of the `.eml` file. */
  file: string;
}

/** The local mail sink; implemented in outbox-directory.ts. */
export interface Outbox {
  readonly directory: string;
  send(message: OutboxMessage): OutboxEntry;
  /** Newest first. */
  list(limit?: number): OutboxEntry[];
}
