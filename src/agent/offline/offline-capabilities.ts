/**
 * What the offline model can do, once: help, the answer to a request it cannot map, and the `/tools` view all read
 * this list, so none of them offers what the offline model would then refuse.
 */
import { exampleBookingRequest, exampleServiceRequest } from './service-examples.js';
import type { Industry } from './signup-fields.js';

export interface OfflineCapability {
  /** What a person asks for, in their words. */
  readonly what: string;
  /** A phrasing the offline model reads, for this workspace's industry. */
  readonly example: (industry: Industry | null) => string;
  /** The FavCRM tools it calls. */
  readonly tools: readonly string[];
}

export const OFFLINE_CAPABILITIES: readonly OfflineCapability[] = [
  { what: 'sign up a business', example: () => 'sign me up: a yoga studio called Stretch Lab in Leeds, me@example.com', tools: ['register_organisation_request', 'register_organisation_verify'] },
  { what: 'accept a team invite', example: () => 'paste the invite link (…/invite?token=invite_…)', tools: ['accept_team_invite_request', 'accept_team_invite_verify'] },
  { what: 'list services', example: () => 'list services', tools: ['list_services'] },
  { what: 'add a service', example: (industry) => exampleServiceRequest(industry), tools: ['create_service'] },
  { what: 'add a member', example: () => 'add a member Jane Doe jane@example.com', tools: ['create_account'] },
  { what: 'search members', example: () => 'search members Jane', tools: ['search_members'] },
  { what: 'book a member into a service', example: (industry) => exampleBookingRequest(industry), tools: ['create_booking'] },
  { what: 'list bookings', example: () => 'bookings', tools: ['list_bookings'] },
  { what: 'enrol a member in the loyalty membership', example: () => 'enrol Jane Doe in the membership', tools: ['enrol_membership'] },
  { what: 'plan status', example: () => 'plan status', tools: ['get_plan_status'] },
  { what: 'the dashboard', example: () => 'dashboard', tools: ['get_dashboard_stats'] },
  { what: 'who am I', example: () => 'who am I', tools: ['list_my_companies'] },
  { what: 'check the connection', example: () => 'doctor', tools: ['list_my_companies', 'get_plan_status', 'get_whatsapp_connection_status'] },
];

/** Every tool the offline model may call. */
export const OFFLINE_TOOL_NAMES: ReadonlySet<string> = new Set(OFFLINE_CAPABILITIES.flatMap((capability) => capability.tools));

/** How to get a model that can use every tool. */
export const REAL_MODEL_SETUP = 'set OPENAI_API_KEY, or OPENAI_BASE_URL for Ollama, llama.cpp or vLLM, and restart';

/** "list services · add a service ("add a service Yoga class, 60 min, 150") · …" for signed-in requests. */
export function capabilityList(industry: Industry | null): string {
  return OFFLINE_CAPABILITIES.slice(2)
    .map((capability) => {
      const example = capability.example(industry);
      return example === capability.what ? capability.what : `${capability.what} ("${example}")`;
    })
    .join(' · ');
}

/** The offline model's help: what it does, with phrasings that fit the workspace, and where the rest is. */
export function offlineHelp(industry: Industry | null): string {
  return `Offline I can: ${capabilityList(industry)}. Anything else needs a real language model (${REAL_MODEL_SETUP}).`;
}

/** The answer to a request the offline model cannot map: nothing changed, the phrasings it reads, the way to more. */
export function notUnderstood(industry: Industry | null): string {
  return (
    `I didn't change anything: I'm the offline model, and I couldn't match that to something I can do. ` +
    `Try one of these phrasings: ${capabilityList(industry)}. Anything else needs a real language model: ${REAL_MODEL_SETUP}.`
  );
}

/** `/tools` with the offline model: what it can do here, then how many tools only a real model can use. */
export function offlineToolLines(catalogue: readonly { name: string; summary?: string; requiresApproval?: boolean }[], filter?: string): string[] {
  const available = new Set(catalogue.map((tool) => tool.name));
  if (filter) {
    if (catalogue.length === 0) return [`No tools match "${filter}".`];
    const lines = catalogue.map(
      (tool) => `${tool.name}: ${tool.summary ?? ''}${tool.requiresApproval ? ' (asks first)' : ''} · ${OFFLINE_TOOL_NAMES.has(tool.name) ? 'the offline model uses it' : 'needs a real model'}`,
    );
    return catalogue.some((tool) => !OFFLINE_TOOL_NAMES.has(tool.name)) ? [...lines, `For a real model: ${REAL_MODEL_SETUP}.`] : lines;
  }
  const lines = OFFLINE_CAPABILITIES.filter((capability) => capability.tools.some((tool) => available.has(tool))).map(
    (capability) => `${capability.what}: "${capability.example(null)}" (${capability.tools.filter((tool) => available.has(tool)).join(', ')})`,
  );
  const others = catalogue.filter((tool) => !OFFLINE_TOOL_NAMES.has(tool.name)).length;
  return [
    'The offline model understands these requests:',
    ...lines.map((line) => `  ${line}`),
    others > 0
      ? `This FavCRM server has ${others} more tool${others === 1 ? '' : 's'} that need a real model: ${REAL_MODEL_SETUP}. /tools <word> searches all of them.`
      : 'A real model can also answer questions in your own words: ' + REAL_MODEL_SETUP + '.',
  ];
}
