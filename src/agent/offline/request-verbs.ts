/**
 * What a signed-in person's request asks for, by its leading verb. The offline model only creates services and
 * members; a request to delete, change, send or book something must get an honest "needs a real model" instead
 * of being matched on its noun alone (which once answered "delete the service Yoga class" with a service list).
 */

export type RequestVerb =
  | { kind: 'create'; verb: string }
  | { kind: 'unsupported'; verb: string }
  | { kind: 'other' };

/** Words before the verb that do not change what is asked: "please", "can you", "I'd like to", ... */
const LEAD_IN =
  String.raw`^(?:(?:please|pls|ok|okay|now|then|and|also|hey|hi|great|thanks)\b[\s,!]*)*` +
  String.raw`(?:(?:can|could|would|will) you\s+|i(?:'d| would) like (?:you )?to\s+|i (?:want|need) (?:you )?to\s+|help me\s+|let(?:'s| us| me)\s+|go ahead and\s+)?` +
  String.raw`(?:please\s+)?`;

const CREATE_VERBS = ['add', 'create', 'new', 'make', 'set up', 'setup', 'enrol', 'enroll', 'register', 'sign up'];

/** Verbs that change or send something the offline model has no plan for. */
const UNSUPPORTED_VERBS = [
  'delete', 'remove', 'cancel', 'update', 'change', 'edit', 'rename', 'send', 'email', 'text', 'message', 'book',
  'reschedule', 'refund', 'void', 'archive', 'publish', 'post', 'invite', 'upgrade', 'downgrade', 'connect',
  'disconnect', 'mark', 'complete', 'confirm', 'import', 'export', 'merge', 'assign', 'schedule', 'move', 'pay',
  'charge', 'tag', 'untag', 'award', 'give', 'redeem', 'switch', 'close', 'reopen', 'duplicate', 'copy', 'set',
];

const verbPattern = (verbs: readonly string[]) =>
  new RegExp(`${LEAD_IN}(${verbs.map((verb) => verb.replace(' ', String.raw`\s+`)).join('|')})\\b`, 'i');

const CREATE_PATTERN = verbPattern(CREATE_VERBS);
const UNSUPPORTED_PATTERN = verbPattern(UNSUPPORTED_VERBS);

/** The verb that leads the first clause that has one; "find members named Mark" is not a request to mark. */
export function requestVerb(text: string): RequestVerb {
  for (const clause of text.split(/[.!?;\n]+/)) {
    const trimmed = clause.trim();
    if (!trimmed) continue;
    // "sign up" and "set up" are checked as create verbs before "set" can claim them.
    const create = CREATE_PATTERN.exec(trimmed);
    if (create?.[1]) return { kind: 'create', verb: create[1].toLowerCase().replace(/\s+/g, ' ') };
    const unsupported = UNSUPPORTED_PATTERN.exec(trimmed);
    if (unsupported?.[1]) return { kind: 'unsupported', verb: unsupported[1].toLowerCase() };
  }
  return { kind: 'other' };
}
