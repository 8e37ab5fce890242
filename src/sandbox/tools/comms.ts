import { z } from 'zod';
import { ToolFailure } from '../tool-failure.js';
import { newId, nowIso, requireCaller } from './caller-scope.js';
import { companyRowsNewestFirst, limitField } from './list-result.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool } from './tool-definition.js';

/** How an approval starts; a person approves it in the portal, never the agent. */
const PENDING = 'pending_approval';

const requestSendApproval = defineTool({
  name: 'request_send_approval',
  description: [
    'Ask a person to approve a customer-facing send (message, WhatsApp, email, campaign).',
    'Nothing is sent by this call.',
    'actionType names the send, e.g. send_message or send_campaign. summary states channel, recipients or segment, count, draft and reason.',
    'payload holds the exact send (recipients, text, dynamic fields). Do not claim delivery: the answer is pending_approval.',
  ].join('\n'),
  inputSchema: {
    actionType: z.string().min(1).max(100).describe('The send to approve, e.g. send_message, send_whatsapp_message, send_campaign.'),
    summary: z.string().min(1).max(4000).describe('For the approver: channel, recipient or segment, count, draft text and business reason.'),
    payload: z.record(z.string(), z.unknown()).describe('The exact send as an object, e.g. {"accountIds": [...], "channel": "whatsapp", "text": "..."}.'),
  },
  annotations: writeTool('Request send approval'),
  auth: 'key',
  handler: (args, context) => {
    const caller = requireCaller(context);
    const id = newId('sendApproval');
    const at = nowIso(context);
    context.db
      .prepare(
        `INSERT INTO send_approvals (id, company_id, action_type, summary, payload, status, requested_by_user_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, caller.companyId, args.actionType, args.summary, JSON.stringify(args.payload), PENDING, caller.userId, at);
    return {
      approvalId: id,
      status: PENDING,
      actionType: args.actionType,
      summary: args.summary,
      requestedAt: at,
      message: 'Filed for approval. Nothing has been sent; a person approves or rejects it in the FavCRM portal.',
    };
  },
});

const listSendApprovals = defineTool({
  name: 'list_send_approvals',
  description: 'List send approvals filed with request_send_approval and their status, newest first.',
  inputSchema: { limit: limitField() },
  annotations: readOnlyTool('List send approvals'),
  auth: 'key',
  handler: (args, context) =>
    companyRowsNewestFirst(
      context,
      'send_approvals',
      'id AS approvalId, action_type AS actionType, summary, status, created_at AS requestedAt',
      args.limit,
    ),
});

const listCampaigns = defineTool({
  name: 'list_campaigns',
  description: 'List marketing campaigns (drafts and sent) with channel, audience and status.',
  inputSchema: { limit: limitField() },
  annotations: readOnlyTool('List campaigns'),
  auth: 'key',
  handler: (args, context) =>
    companyRowsNewestFirst(context, 'campaigns', 'id, name, channel, audience, message, status, created_at AS createdAt', args.limit),
});

const createCampaign = defineTool({
  name: 'create_campaign',
  description: [
    'Create a campaign draft (channel, audience, message); it is not sent.',
    'To send it, file request_send_approval with actionType send_campaign and the campaign ID.',
  ].join('\n'),
  inputSchema: {
    name: z.string().trim().min(1).max(200).describe('Internal campaign name, e.g. "May reactivation".'),
    channel: z.enum(['whatsapp', 'email', 'sms']).describe('Channel the campaign would go out on.'),
    audience: z.string().min(1).max(500).describe('Who receives it, e.g. "members inactive 60+ days" or a tag name.'),
    message: z.string().min(1).max(4000).describe('Draft message text.'),
  },
  annotations: writeTool('Create campaign draft'),
  auth: 'key',
  handler: (args, context) => {
    const id = newId('campaign');
    const at = nowIso(context);
    context.db
      .prepare("INSERT INTO campaigns (id, company_id, name, channel, audience, message, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'draft', ?)")
      .run(id, requireCaller(context).companyId, args.name, args.channel, args.audience, args.message, at);
    return { id, name: args.name, channel: args.channel, audience: args.audience, message: args.message, status: 'draft', createdAt: at };
  },
});

/** The four direct sends FavCRM's comms skill forbids (contract §5.6); they exist only to refuse. */
const FORBIDDEN_SENDS: ReadonlyArray<{ name: string; title: string; summary: string }> = [
  { name: 'send_message', title: 'Send message (blocked)', summary: 'Send a message to a customer directly; always refused, use request_send_approval.' },
  { name: 'send_whatsapp_message', title: 'Send WhatsApp message (blocked)', summary: 'Send a WhatsApp message directly; always refused, use request_send_approval.' },
  { name: 'send_test_campaign', title: 'Send test campaign (blocked)', summary: 'Send a campaign test directly; always refused, use request_send_approval.' },
  { name: 'send_campaign', title: 'Send campaign (blocked)', summary: 'Send a campaign directly; always refused, use request_send_approval.' },
];

const forbiddenSendTools: SandboxTool[] = FORBIDDEN_SENDS.map((send) =>
  defineTool({
    name: send.name,
    description: `${send.summary}\nAgents must never send customer-facing messages themselves: file request_send_approval with actionType ${send.name}.`,
    inputSchema: {
      accountId: z.string().optional().describe('Recipient account, if any (kept only to explain the refusal).'),
      campaignId: z.string().optional().describe('Campaign, if any (kept only to explain the refusal).'),
      message: z.string().optional().describe('Message text, if any (kept only to explain the refusal).'),
    },
    annotations: writeTool(send.title, { openWorld: true }),
    auth: 'key',
    handler: () => {
      throw new ToolFailure('FORBIDDEN', `${send.name} cannot be called directly. File the send with request_send_approval (actionType "${send.name}") and a person approves it.`, {
        useTool: 'request_send_approval',
        actionType: send.name,
      });
    },
  }),
);

/** Messaging tools: approvals and campaigns, plus the refusing direct sends. */
export const commsTools: SandboxTool[] = [requestSendApproval, listSendApprovals, listCampaigns, createCampaign, ...forbiddenSendTools];
