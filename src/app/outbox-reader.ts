import type { SandboxEmail } from '../agent/events.js';
import { createOutbox } from '../sandbox/outbox-directory.js';

/** Reads an outbox directory for `/outbox`: only what a person needs to finish signing up, newest first. */
export function outboxReader(directory: string): (limit: number) => SandboxEmail[] {
  const outbox = createOutbox(directory);
  return (limit) =>
    outbox.list(limit).map((entry) => ({ to: entry.to, subject: entry.subject, sentAt: entry.sentAt, ...(entry.code ? { code: entry.code } : {}) }));
}
