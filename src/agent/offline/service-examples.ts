import type { PastToolCall } from './conversation-view.js';
import { INDUSTRIES, type Industry } from './signup-fields.js';

/**
 * An example service for the workspace's industry, so a bakery is not told to add a yoga class. Prices are plain
 * numbers: the workspace's currency applies.
 */
const EXAMPLE_SERVICE: Readonly<Record<Industry, string>> = {
  fitness: 'Yoga class, 60 min, 150',
  beauty: 'Haircut, 45 min, 300',
  tutoring: 'Maths lesson, 60 min, 400',
  hospitality: 'Tasting menu, 90 min, 500',
  retail: 'Personal shopping, 60 min, 200',
  services: 'Home cleaning, 120 min, 600',
  other: 'Consultation, 30 min, 100',
};

/** `add a service …` as the person could type it, for the workspace's industry (fitness when unknown). */
export function exampleServiceRequest(industry: Industry | null): string {
  return `add a service ${EXAMPLE_SERVICE[industry ?? 'fitness']}`;
}

/** `book …` as the person could type it, with the example service of the workspace's industry. */
export function exampleBookingRequest(industry: Industry | null): string {
  const service = EXAMPLE_SERVICE[industry ?? 'fitness'].split(',')[0] ?? 'Yoga class';
  return `book Jane Doe into ${service} tomorrow at 10`;
}

const isIndustry = (value: unknown): value is Industry => typeof value === 'string' && (INDUSTRIES as readonly string[]).includes(value);

/**
 * The current workspace's industry, as the conversation's tool calls tell it (newest first): the active company
 * of `list_my_companies`, else what the signup request registered. Null when neither said.
 */
export function workspaceIndustry(calls: readonly PastToolCall[]): Industry | null {
  for (const past of [...calls].reverse()) {
    if (past.errorCode) continue;
    if (past.toolName === 'list_my_companies') {
      const output = (past.output ?? {}) as { items?: Array<{ industry?: unknown; active?: unknown; companyId?: unknown }>; currentCompanyId?: unknown };
      const items = Array.isArray(output.items) ? output.items : [];
      const current = items.find((item) => item.active === true || (output.currentCompanyId !== undefined && item.companyId === output.currentCompanyId)) ?? items[0];
      if (isIndustry(current?.industry)) return current.industry;
    }
    if (past.toolName === 'register_organisation_request' && isIndustry(past.input.industry)) return past.input.industry;
  }
  return null;
}
