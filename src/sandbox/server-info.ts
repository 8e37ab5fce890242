/** Name the sandbox reports in `initialize` and the server card. */
export const SANDBOX_SERVER_NAME = 'favcrm-sandbox';
/** Sandbox server version; bump with behaviour changes that clients could notice. */
export const SANDBOX_SERVER_VERSION = '0.1.0';

/** Sent to MCP clients at `initialize`, so an agent knows where it is. */
export const SANDBOX_INSTRUCTIONS = [
  'Local FavCRM sandbox: same tools and wire format as https://api.favcrm.io/mcp, backed by a local SQLite file.',
  'Emails (verification codes, invites) are not sent; they are written to the sandbox outbox (`favcrm-chat sandbox outbox`).',
  'Sign up with register_organisation_request then register_organisation_verify; send the returned key as "Authorization: Bearer <key>".',
].join('\n');
