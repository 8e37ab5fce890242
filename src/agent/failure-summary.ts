import type { ToolOutcome } from '../mcp/tool-result.js';

type ErrorDetails = Record<string, unknown>;

/**
 * The ✗ line of a tool card, for the person. FavCRM's messages are written for the agent ("Ask the person to
 * re-check…", "Correct it and call create_service again"), and the model still gets them whole; the card says what
 * happened in the person's terms, with the figures that matter (tries left, when to retry) and no ISO timestamps.
 */
const PERSON_FACING: Record<string, (details: ErrorDetails) => string> = {
  CODE_INVALID: (details) => {
    const left = typeof details.attemptsLeft === 'number' ? details.attemptsLeft : null;
    return left === null ? 'wrong code' : `wrong code (${left} ${left === 1 ? 'try' : 'tries'} left)`;
  },
  CODE_EXPIRED: () => 'the code expired; a new one can be sent',
  REQUEST_LOCKED: () => 'too many wrong codes: this request is locked; a new code can be sent',
  RATE_LIMITED: (details) =>
    typeof details.retryAfterSeconds === 'number'
      ? `too many requests: try again in ${duration(details.retryAfterSeconds)}`
      : 'too many requests: wait a while before trying again',
  EMAIL_EXISTS: () => 'this email already has a FavCRM account',
  DECLINED_BY_USER: () => 'you declined: nothing was done',
  CODE_MISSING: () => 'no code pasted yet',
  CANCELLED: () => 'cancelled before it was sent',
  UNAUTHORIZED: () => 'FavCRM did not accept the API key',
};

/** "CODE_INVALID · wrong code (4 tries left)"; unknown codes keep the server's message, minus instructions for the agent. */
export function summariseFailure(outcome: ToolOutcome): string {
  const code = outcome.errorCode ?? 'ERROR';
  const details = errorDetails(outcome.data);
  const personFacing = PERSON_FACING[code]?.(details);
  if (personFacing) return `${code} · ${personFacing}`;
  return `${code}: ${forThePerson(outcome.errorMessage ?? 'failed')}`;
}

function errorDetails(data: unknown): ErrorDetails {
  const error = data && typeof data === 'object' ? (data as { error?: unknown }).error : undefined;
  return error && typeof error === 'object' ? (error as ErrorDetails) : {};
}

/** Drops sentences addressed to the agent ("Correct it and call x again.", "Ask the person to …") and ISO times. */
function forThePerson(message: string): string {
  const sentences = message.split(/(?<=[.!?])\s+/);
  // "Call register_organisation_request to start again.": a sentence naming a tool is addressed to the agent.
  const kept = sentences.filter((sentence) => !/^(?:correct it and call|ask the person|tell the person|do not retry|call \w+ (?:again|first))|^(?:call|use|run|try)\s+[a-z]+_[a-z_]+\b/i.test(sentence));
  return (kept.length > 0 ? kept : sentences).join(' ').replace(/\b(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z\b/g, '$1 $2 UTC');
}

function duration(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  return `about ${hours} hours`;
}
