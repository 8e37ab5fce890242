import { z } from 'zod';
import { prepareCached } from '../database/prepared-statements.js';
import { ToolFailure } from '../tool-failure.js';
import { availableSlots, OPENING_HOURS_TEXT } from './booking-slots.js';
import { loadCompany, money, newId, nowIso, pickCurrency, requireCaller } from './caller-scope.js';
import { addLocalDays, parseDateArgument } from './company-time.js';
import { flag, listResult } from './list-result.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool, type ToolContext } from './tool-definition.js';

/** A `services` row as stored. */
export interface ServiceRow {
  id: string;
  name: string;
  description: string | null;
  duration_minutes: number;
  price: number;
  currency: string;
  capacity: number;
  active: number;
  created_at: string;
  updated_at: string;
}

/** Slot searches stay bounded so one call cannot ask for a year of half-hours (booking skill: "bounded date range"). */
const MAX_SLOT_RANGE_DAYS = 31;
const DEFAULT_SLOT_RANGE_DAYS = 7;

export function serviceView(row: ServiceRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    durationMinutes: row.duration_minutes,
    price: row.price,
    currency: row.currency,
    capacity: row.capacity,
    active: flag(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Loads a service of the caller's workspace or fails with NOT_FOUND pointing at list_services. */
export function findService(context: ToolContext, serviceId: string): ServiceRow {
  const caller = requireCaller(context);
  const row = context.db.prepare('SELECT * FROM services WHERE id = ? AND company_id = ?').get(serviceId, caller.companyId) as
    | ServiceRow
    | undefined;
  if (!row) {
    throw new ToolFailure('NOT_FOUND', `No service ${serviceId} in this workspace.`, {
      serviceId,
      hint: 'Call list_services for valid service IDs, or create one with create_service.',
    });
  }
  return row;
}

const listServices = defineTool({
  name: 'list_services',
  description: 'List the bookable services with duration, price and capacity.\nincludeInactive: true also lists services switched off with update_service.',
  inputSchema: {
    includeInactive: z.boolean().default(false).describe('Also list inactive services (default false).'),
  },
  annotations: readOnlyTool('List services'),
  auth: 'key',
  handler: (args, context) => {
    const caller = requireCaller(context);
    const rows = prepareCached(
      context.db,
      `SELECT * FROM services WHERE company_id = ? ${args.includeInactive ? '' : 'AND active = 1'} ORDER BY name, created_at`,
    ).all(caller.companyId) as ServiceRow[];
    return listResult(rows.map(serviceView));
  },
});

const createService = defineTool({
  name: 'create_service',
  description: [
    'Create a bookable service (e.g. a 60-minute facial) that customers can book.',
    'price is in currency (default: the company currency from its country); capacity is how many people one slot takes (default 1).',
  ].join('\n'),
  inputSchema: {
    name: z.string().trim().min(1).max(200).describe('Service name shown to customers, e.g. "Deep-tissue massage".'),
    durationMinutes: z.number().int().min(5).max(720).describe('Length of one appointment in minutes (5–720).'),
    price: z.number().min(0).describe('Price per participant, as a number in currency units (e.g. 480).'),
    currency: z.string().length(3).optional().describe('ISO 4217 code such as HKD; defaults to the company currency.'),
    description: z.string().max(2000).optional().describe('Longer description of the service.'),
    capacity: z.number().int().min(1).max(500).default(1).describe('Participants one slot can hold (default 1; classes use more).'),
  },
  annotations: writeTool('Create service'),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    // Two active services with one name cannot be told apart when booking ("Yoga class" or "Yoga class"?).
    const clash = context.db
      .prepare('SELECT id FROM services WHERE company_id = ? AND active = 1 AND lower(name) = lower(?)')
      .get(company.id, args.name) as { id: string } | undefined;
    if (clash) {
      throw new ToolFailure('CONFLICT', `A service named "${args.name}" already exists: ${clash.id}.`, {
        serviceId: clash.id,
        hint: 'Use that service, change it with update_service, or give the new one another name.',
      });
    }
    const id = newId('service');
    const at = nowIso(context);
    context.db
      .prepare(
        `INSERT INTO services (id, company_id, name, description, duration_minutes, price, currency, capacity, active, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      )
      .run(id, company.id, args.name, args.description ?? null, args.durationMinutes, money(args.price), pickCurrency(args.currency, company),
        args.capacity, at, at);
    return serviceView(findService(context, id));
  },
});

const updateService = defineTool({
  name: 'update_service',
  description: 'Update a service\'s name, duration, price, capacity or description, or switch it off.\nOnly the fields you pass change; existing bookings keep their times and prices.',
  inputSchema: {
    serviceId: z.string().describe('Service ID (svc_…) from list_services.'),
    name: z.string().trim().min(1).max(200).optional().describe('New service name.'),
    durationMinutes: z.number().int().min(5).max(720).optional().describe('New length in minutes.'),
    price: z.number().min(0).optional().describe('New price per participant.'),
    currency: z.string().length(3).optional().describe('New ISO 4217 currency code.'),
    description: z.string().max(2000).optional().describe('New description.'),
    capacity: z.number().int().min(1).max(500).optional().describe('New participants per slot.'),
    active: z.boolean().optional().describe('False hides the service from list_services and blocks new bookings.'),
  },
  annotations: writeTool('Update service', { idempotent: true }),
  auth: 'key',
  handler: (args, context) => {
    const row = findService(context, args.serviceId);
    context.db
      .prepare(
        `UPDATE services SET name = ?, duration_minutes = ?, price = ?, currency = ?, description = ?, capacity = ?, active = ?, updated_at = ?
         WHERE id = ? AND company_id = ?`,
      )
      .run(args.name ?? row.name, args.durationMinutes ?? row.duration_minutes, args.price !== undefined ? money(args.price) : row.price,
        args.currency?.toUpperCase() ?? row.currency, args.description ?? row.description, args.capacity ?? row.capacity,
        args.active === undefined ? row.active : Number(args.active), nowIso(context), row.id, requireCaller(context).companyId);
    return serviceView(findService(context, row.id));
  },
});

const getAvailableSlots = defineTool({
  name: 'get_available_slots',
  description: [
    'Find free booking slots for a service in a bounded date range, in the company timezone.',
    `from/to: YYYY-MM-DD (local days; to is exclusive) or ISO date-times; default from now for ${DEFAULT_SLOT_RANGE_DAYS} days, at most ${MAX_SLOT_RANGE_DAYS} days.`,
    `Opening hours: ${OPENING_HOURS_TEXT}. Slots start every 30 minutes; taken capacity and past times are left out.`,
  ].join('\n'),
  inputSchema: {
    serviceId: z.string().describe('Service ID (svc_…) from list_services.'),
    from: z.string().optional().describe('Start of the range: YYYY-MM-DD or ISO date-time (default now).'),
    to: z.string().optional().describe(`End of the range, exclusive: YYYY-MM-DD or ISO date-time (default from + ${DEFAULT_SLOT_RANGE_DAYS} days).`),
    participants: z.number().int().min(1).max(500).default(1).describe('People who need room in the slot (default 1).'),
    limit: z.number().int().min(1).max(500).default(100).describe('Most slots to return (default 100); total counts them all.'),
  },
  annotations: readOnlyTool('Available slots'),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    const service = findService(context, args.serviceId);
    if (!flag(service.active)) {
      throw new ToolFailure('VALIDATION', `Service ${service.name} (${service.id}) is inactive and cannot be booked.`, { serviceId: service.id });
    }
    const from = args.from ? parseDateArgument(args.from, 'from', company.timezone) : context.now();
    const to = args.to ? parseDateArgument(args.to, 'to', company.timezone) : addLocalDays(from, DEFAULT_SLOT_RANGE_DAYS, company.timezone);
    const days = (to.getTime() - from.getTime()) / 86_400_000;
    if (days <= 0 || days > MAX_SLOT_RANGE_DAYS + 1) {
      throw new ToolFailure('VALIDATION', `The range must be positive and at most ${MAX_SLOT_RANGE_DAYS} days; got ${from.toISOString()} to ${to.toISOString()}.`, {
        field: 'to',
      });
    }
    const slots = availableSlots(context, company.id, service, { from, to, participants: args.participants, timezone: company.timezone });
    return listResult(slots.slice(0, args.limit), slots.length, {
      serviceId: service.id,
      serviceName: service.name,
      durationMinutes: service.duration_minutes,
      timezone: company.timezone,
      from: from.toISOString(),
      to: to.toISOString(),
      openingHours: OPENING_HOURS_TEXT,
    });
  },
});

/** Service catalogue and availability (bookings scope). */
export const serviceTools: SandboxTool[] = [listServices, createService, updateService, getAvailableSlots];
