import { z } from 'zod';
import { newId, nowIso, requireCaller } from './caller-scope.js';
import { enforceModule, enforceRole } from './plan-limits.js';
import { rolesForTool } from './plan-operations.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool, type ToolContext } from './tool-definition.js';

/** Meta Embedded Signup links expire; an hour is enough to finish the browser flow. */
const DEFAULT_LINK_TTL_MINUTES = 60;

interface SessionRow {
  id: string;
  onboarding_mode: 'cloud_api' | 'coexistence';
  state: 'pending' | 'superseded' | 'connected';
  url: string;
  created_at: string;
  expires_at: string;
}

function latestSession(context: ToolContext, companyId: string): SessionRow | undefined {
  return context.db
    .prepare(
      `SELECT id, onboarding_mode, state, url, created_at, expires_at FROM whatsapp_sessions
       WHERE company_id = ? AND state != 'superseded' ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    )
    .get(companyId) as SessionRow | undefined;
}

const getWhatsappConnectionStatus = defineTool({
  name: 'get_whatsapp_connection_status',
  description: [
    'Show whether WhatsApp is connected, with its IDs, verified name and any pending session.',
    'IDs: the WABA ID and the phone number ID.',
    'Check this before creating a connect link. Sandbox: no number ever connects; sessions stay pending until they expire.',
  ].join('\n'),
  inputSchema: {},
  annotations: readOnlyTool('WhatsApp connection status'),
  auth: 'key',
  handler: (_args, context) => {
    const caller = requireCaller(context);
    const session = latestSession(context, caller.companyId);
    const expired = session ? Date.parse(session.expires_at) <= context.now().getTime() : false;
    const pendingSession = session
      ? {
          sessionId: session.id,
          onboardingMode: session.onboarding_mode,
          state: expired ? 'expired' : 'pending',
          url: session.url,
          createdAt: session.created_at,
          expiresAt: session.expires_at,
        }
      : null;
    return {
      connected: false,
      status: !session ? 'not_connected' : expired ? 'session_expired' : 'pending',
      wabaId: null,
      phoneNumberId: null,
      verifiedName: null,
      pendingSession,
      nextStep: !session
        ? 'Create a link with create_whatsapp_connect_link and ask the person to open it in a browser.'
        : expired
          ? 'The connect session expired; create a new link with create_whatsapp_connect_link.'
          : 'Ask the person to finish the Meta signup in the browser at pendingSession.url, then check again.',
    };
  },
});

const createWhatsappConnectLink = defineTool({
  name: 'create_whatsapp_connect_link',
  description: [
    'Create a Meta Embedded Signup link that connects a WhatsApp Business number.',
    'onboardingMode: cloud_api (a new number) or coexistence (a WhatsApp Business App number that keeps the app).',
    'ttlMinutes: how long the link lives (default 60). A new link replaces any pending one. The person must open it in a browser.',
    'Sandbox: the link is a placeholder and never reaches Meta; the session stays pending.',
  ].join('\n'),
  inputSchema: {
    onboardingMode: z
      .enum(['cloud_api', 'coexistence'])
      .describe('cloud_api for a number used only via the Cloud API; coexistence for a WhatsApp Business App number.'),
    ttlMinutes: z
      .number()
      .int()
      .min(5)
      .max(1440)
      .default(DEFAULT_LINK_TTL_MINUTES)
      .describe('Minutes until the link expires (5–1440, default 60).'),
  },
  annotations: writeTool('Create WhatsApp connect link', { openWorld: true }),
  auth: 'key',
  handler: (args, context) => {
    const caller = requireCaller(context);
    enforceRole(context, 'create_whatsapp_connect_link', rolesForTool('create_whatsapp_connect_link') ?? []);
    enforceModule(context, 'whatsapp');
    const id = newId('whatsappSession');
    const createdAt = nowIso(context);
    const expiresAt = new Date(context.now().getTime() + args.ttlMinutes * 60_000).toISOString();
    const url = `https://business.facebook.com/messaging/whatsapp/onboard/?sandbox_session=${id}&mode=${args.onboardingMode}`;
    const replace = context.db.transaction(() => {
      context.db
        .prepare("UPDATE whatsapp_sessions SET state = 'superseded' WHERE company_id = ? AND state = 'pending'")
        .run(caller.companyId);
      context.db
        .prepare(
          `INSERT INTO whatsapp_sessions (id, company_id, onboarding_mode, state, url, created_by_user_id, created_at, expires_at)
           VALUES (?, ?, ?, 'pending', ?, ?, ?, ?)`,
        )
        .run(id, caller.companyId, args.onboardingMode, url, caller.userId, createdAt, expiresAt);
    });
    replace();
    return {
      sessionId: id,
      url,
      expiresAt,
      onboardingMode: args.onboardingMode,
      sandbox: true,
      instructions:
        'Ask the person to open the url in a browser and finish the Meta signup, then call get_whatsapp_connection_status. ' +
        'Sandbox: the link is a placeholder, so the session will stay pending.',
    };
  },
});

/** WhatsApp channel tools (`favcrm whatsapp …`). */
export const channelTools: SandboxTool[] = [getWhatsappConnectionStatus, createWhatsappConnectLink];
