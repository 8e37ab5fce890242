import type { ApprovalReach } from '../events.js';

/**
 * FavCRM actions that always reach people or money outside the workspace (contract §4.3, §5.6, §6.5), gated
 * whatever the server's annotations say: a server that forgets `openWorldHint` on the team invite (it emails an
 * outside address and grants access) must not make it run unasked.
 */
export const FAVCRM_GATED_ACTIONS: Readonly<Record<string, readonly ApprovalReach[]>> = {
  // Team and signup: an email to an address the model typed, and for invites, access to the workspace.
  create_team_member_invite: ['people'],
  register_organisation_request: ['people'],
  accept_team_invite_request: ['people'],
  // Customer-facing sends (the four FavCRM forbids agents to call directly) and the invoice email.
  send_message: ['people'],
  send_whatsapp_message: ['people'],
  send_test_campaign: ['people'],
  send_campaign: ['people'],
  mark_invoice_sent: ['people'],
  // Money: a Stripe checkout link for a plan upgrade.
  create_plan_upgrade_link: ['money'],
  // The web and outside accounts: a URL fetched by the server; a WhatsApp Business number linked to FavCRM.
  scrape_knowledge_url: ['web'],
  create_whatsapp_connect_link: ['outside', 'people'],
  // Deletions FavCRM names (the name rules catch these too; listed so the intent is on record).
  delete_post: ['deletion'],
  delete_knowledge_document: ['deletion'],
  void_invoice: ['deletion'],
  cancel_booking: ['deletion'],
};

/**
 * FavCRM tools whose names trip a name rule but that reach no one, by the contract: `request_send_approval` only
 * files a send for a person to approve in the portal (nothing is sent), the verify tools finish a signup or invite
 * with the code the person pasted, and the rest only read. The name rules skip them; their annotations and what
 * their schema reaches still count.
 */
export const FAVCRM_QUIET_ACTIONS: ReadonlySet<string> = new Set([
  'request_send_approval',
  'list_send_approvals',
  'register_organisation_verify',
  'accept_team_invite_verify',
  'get_whatsapp_connection_status',
  'list_campaigns',
]);

/**
 * The one FavCRM action with a dry run: `create_plan_upgrade_link` creates nothing unless `confirm` is true, and
 * answers with what it would create, so the model can ask first. Only a `confirm` that is exactly false (after the
 * schema check) or absent with a schema default of false counts as the dry run.
 */
export const DRY_RUN_FLAG: Readonly<Record<string, string>> = {
  create_plan_upgrade_link: 'confirm',
};
