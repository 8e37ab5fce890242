/** Plain-text lines for slash-command output: the doctor report, the tool list, the auth state. */
import type { AuthState, DoctorReport, SandboxEmail, ToolSummary } from '../agent/events.js';

/** A doctor report is a glance; the full JSON is `favcrm-chat doctor --json`. */
const DOCTOR_MAX_LINES = 12;

/** `✓ reachable · ✗ authenticated` first, then the other scalar facts, one per line. */
export function doctorLines(report: DoctorReport, command = 'favcrm-chat'): string[] {
  const status = `${mark(report.reachable)} reachable · ${mark(report.authenticated)} authenticated · ${report.url}`;
  const facts: string[] = [];
  for (const [key, value] of Object.entries(report)) {
    if (key === 'url' || key === 'reachable' || key === 'authenticated') continue;
    facts.push(...factLines(key, value));
  }
  if (facts.length < DOCTOR_MAX_LINES) return [status, ...facts];
  const shown = facts.slice(0, DOCTOR_MAX_LINES - 2);
  return [status, ...shown, `… ${facts.length - shown.length} more (${command} doctor --json)`];
}

/** One line per tool: name, what it does, and whether it asks first. */
export function toolLines(tools: ToolSummary[], filter?: string): string[] {
  if (tools.length === 0) return [filter ? `No tools match "${filter}".` : 'No tools are available.'];
  return tools.map((tool) => `${tool.name}: ${tool.summary || tool.title}${tool.requiresApproval ? ' (asks first)' : ''}`);
}

/** The sandbox's newest "emails": the code first, since that is what a person came for. */
export function outboxLines(emails: SandboxEmail[]): string[] {
  if (emails.length === 0) return ['The outbox is empty: nothing has been "emailed" yet. Sign up first, then the code lands here.'];
  return emails.map((email) => {
    const time = `${email.sentAt.slice(11, 19)} UTC`;
    return `${email.code ? `code ${email.code}` : 'no code'} · to ${email.to} · ${time} · ${email.subject}`;
  });
}

/** Where the key is and what it looks like, never the key itself. */
export function authLines(auth: AuthState): string[] {
  if (auth.status === 'signed-out') return ['Signed out. Tell me about your business to sign up, or set FAVCRM_API_KEY.'];
  return [`Signed in with ${auth.maskedKey}`, `Key stored in ${auth.storage.location} (${auth.storage.kind})`];
}

function factLines(key: string, value: unknown): string[] {
  if (value === null || value === undefined) return [`${key}: –`];
  if (typeof value === 'boolean') return [`${mark(value)} ${key}`];
  if (typeof value !== 'object') return [`${key}: ${String(value)}`];
  if (Array.isArray(value)) return [`${key}: ${value.length} item${value.length === 1 ? '' : 's'}`];
  return Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => inner === null || typeof inner !== 'object')
    .map(([inner, innerValue]) => `${key}.${inner}: ${innerValue === null ? '–' : String(innerValue)}`);
}

function mark(ok: boolean): string {
  return ok ? '✓' : '✗';
}
