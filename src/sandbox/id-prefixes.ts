/**
 * The prefix of every id the sandbox issues, one per kind of thing, in one table: an id read in a transcript, a log
 * or a pasted message then says what it names (an `inv_` was once an invoice, an invite and an invite token alike,
 * and `cmp_` both a company and a campaign). The id-prefix test checks that no two kinds share a prefix.
 */
export const ID_PREFIX = {
  organisation: 'org',
  company: 'cmp',
  user: 'usr',
  apiKey: 'key',
  signupRequest: 'req',
  teamInvite: 'tmi',
  /** The invite secret itself (hashed at rest); it travels in links, so it reads as what it is. */
  inviteToken: 'invite',
  account: 'acc',
  tag: 'tag',
  pointsEntry: 'pts',
  service: 'svc',
  booking: 'bkg',
  product: 'prd',
  promotion: 'pro',
  order: 'ord',
  orderLine: 'oit',
  subscription: 'sub',
  invoice: 'inv',
  invoiceLine: 'itm',
  sendApproval: 'apr',
  campaign: 'cpn',
  post: 'pst',
  image: 'img',
  knowledgeDocument: 'doc',
  deal: 'deal',
  task: 'task',
  whatsappSession: 'was',
  agentIssue: 'iss',
  planCheckout: 'chk',
} as const;

export type IdKind = keyof typeof ID_PREFIX;
