import type { ApprovalReach } from '../events.js';

/**
 * What a tool's name says it does, for tools the named FavCRM list does not know (a newer server, another
 * server): `schedule_whatsapp_broadcast` or `create_payment_link` is gated like its FavCRM cousins. Names are
 * split into words (`snake_case`, `kebab-case`, `camelCase`, dots) and matched word by word.
 */
export function nameReaches(toolName: string): ApprovalReach[] {
  const words = nameWords(toolName);
  const has = (set: ReadonlySet<string>): boolean => words.some((word) => set.has(word));
  const reads = READ_VERBS.has(words[0] ?? '');
  const reaches = new Set<ApprovalReach>();
  // Verbs count wherever they are: `get_and_delete_all` deletes.
  if (has(DELETE_VERBS)) reaches.add('deletion');
  if (has(SEND_VERBS) || FIRST_WORD_SEND_VERBS.has(words[0] ?? '')) reaches.add('people');
  if (has(MONEY_VERBS) || (has(LINK_WORDS) && has(MONEY_NOUNS))) reaches.add('money');
  if (has(FETCH_VERBS) || (words.includes('fetch') && has(WEB_NOUNS))) reaches.add('web');
  // Nouns count unless the name starts by reading: `list_campaigns` reads, `create_campaign` writes one.
  if (!reads) {
    if (has(CHANNEL_NOUNS)) reaches.add('people');
    if (has(PAYMENT_NOUNS)) reaches.add('money');
    if (has(WEB_NOUNS)) reaches.add('web');
    if (has(CONNECT_WORDS)) reaches.add('outside');
  }
  return [...reaches];
}

/** `createTeamMemberInvite`, `create-team-member-invite` and `create_team_member_invite` → the same words. */
export function nameWords(name: string): string[] {
  // Compatibility forms (full-width letters) fold to plain ones and invisible format characters (zero-width spaces,
  // bidi marks) go, so `del\u200bete_all` or `ｄｅｌｅｔｅ_all` cannot slip a word past the rules.
  return name
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const words = (...list: string[]): ReadonlySet<string> => new Set(list);

/** A name that starts with one of these reads (FavCRM's own rule for `readOnlyHint`, contract §4.1). */
const READ_VERBS = words('list', 'get', 'search', 'query', 'find', 'count', 'check', 'validate', 'preview', 'describe', 'show', 'read', 'view', 'lookup', 'stats', 'estimate');
const DELETE_VERBS = words('delete', 'remove', 'destroy', 'purge', 'wipe', 'erase', 'void', 'drop', 'truncate', 'revoke', 'cancel', 'unlink', 'clear', 'reset', 'deactivate', 'terminate');
/** Verbs that put something in front of a person outside the workspace. */
const SEND_VERBS = words('send', 'resend', 'broadcast', 'blast', 'notify', 'remind', 'forward', 'share', 'dm');
/** Words that send when they lead the name (`email_customer`, `message_member`) but are fields elsewhere (`update_email`). */
const FIRST_WORD_SEND_VERBS = words('email', 'mail', 'message', 'text', 'sms', 'whatsapp', 'invite');
/** What goes out to people; with a writing verb (`create_campaign`, `create_team_invite`) they send. */
const CHANNEL_NOUNS = words(
  'emails', 'messages', 'sms', 'whatsapp', 'campaign', 'campaigns', 'newsletter', 'newsletters', 'broadcasts', 'notification',
  'notifications', 'reminder', 'reminders', 'outreach', 'invite', 'invites', 'invitation', 'invitations',
);
const MONEY_VERBS = words('checkout', 'charge', 'refund', 'payout', 'purchase', 'buy', 'pay', 'upgrade', 'downgrade', 'subscribe', 'unsubscribe', 'bill');
const MONEY_NOUNS = words('payment', 'payments', 'plan', 'billing', 'invoice', 'subscription', 'stripe', 'price', 'checkout');
const PAYMENT_NOUNS = words('stripe', 'payment', 'payments', 'billing', 'paylink');
const LINK_WORDS = words('link', 'links', 'url', 'session', 'intent');
const FETCH_VERBS = words('scrape', 'crawl', 'download', 'browse', 'webhook', 'webhooks', 'ingest');
const WEB_NOUNS = words('url', 'urls', 'uri', 'web', 'webpage', 'http', 'https', 'sitemap', 'rss');
/** Linking an outside account to the workspace (WhatsApp Business, OAuth apps, integrations). */
const CONNECT_WORDS = words('connect', 'disconnect', 'oauth', 'authorize', 'authorise', 'integration', 'integrate', 'install');
