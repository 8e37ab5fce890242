import { mkdirSync, readFileSync, renameSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { ModelMessage } from 'ai';
import { z } from 'zod';
import type { PendingSignup, TranscriptEntry } from './events.js';

/** What survives a restart: the conversation as the model saw it, the transcript people saw, a pending signup. */
export interface SessionState {
  messages: ModelMessage[];
  transcript: TranscriptEntry[];
  pendingSignup: PendingSignup | null;
}

const STATE_FILE_NAME = 'session.json';
/** Older entries are dropped past this many model messages so the file and the context stay bounded. */
export const MAX_PERSISTED_MESSAGES = 200;

const stateFileSchema = z.object({
  version: z.literal(1),
  messages: z.array(z.looseObject({ role: z.enum(['system', 'user', 'assistant', 'tool']) })),
  transcript: z.array(z.looseObject({ kind: z.string() })),
  pendingSignup: z
    .object({ requestId: z.string(), maskedEmail: z.string(), expiresAt: z.string(), organisationName: z.string().optional() })
    .nullable(),
});

export const EMPTY_SESSION_STATE: SessionState = { messages: [], transcript: [], pendingSignup: null };

/** Reads and writes the session file under the XDG state dir; writes are atomic (temp file + rename, mode 0600). */
export class SessionStateStore {
  readonly file: string;

  constructor(stateDirectory: string) {
    this.file = path.join(stateDirectory, STATE_FILE_NAME);
  }

  /** A missing file is a fresh start; an unreadable one is set aside (never deleted) with a warning. */
  load(): { state: SessionState; warning?: string } {
    if (!existsSync(this.file)) return { state: structuredClone(EMPTY_SESSION_STATE) };
    try {
      const parsed = stateFileSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
      return {
        state: {
          messages: parsed.messages as unknown as ModelMessage[],
          transcript: parsed.transcript as unknown as TranscriptEntry[],
          pendingSignup: parsed.pendingSignup ?? null,
        },
      };
    } catch {
      const aside = `${this.file}.unreadable-${Date.now()}`;
      renameSync(this.file, aside);
      return {
        state: structuredClone(EMPTY_SESSION_STATE),
        warning: `The saved conversation could not be read, so a new one was started (the old file is kept at ${aside}).`,
      };
    }
  }

  save(state: SessionState): void {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const body = JSON.stringify({
      version: 1,
      messages: trimAtUserMessage(state.messages),
      transcript: state.transcript.slice(-MAX_PERSISTED_MESSAGES),
      pendingSignup: state.pendingSignup,
    });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, body, { mode: 0o600 });
    renameSync(temporary, this.file);
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}

/** Drops the oldest messages, cutting only before a user message so no tool result loses its call. */
export function trimAtUserMessage(messages: ModelMessage[]): ModelMessage[] {
  if (messages.length <= MAX_PERSISTED_MESSAGES) return messages;
  let start = messages.length - MAX_PERSISTED_MESSAGES;
  while (start < messages.length && messages[start]?.role !== 'user') start += 1;
  return messages.slice(start);
}
