import { randomBytes } from 'node:crypto';
import { prepareCached } from '../database/prepared-statements.js';
import { ID_PREFIX, type IdKind } from '../id-prefixes.js';
import { ToolFailure } from '../tool-failure.js';
import type { Caller, ToolContext } from './tool-definition.js';

/** Narrows `context.caller`; the registry already rejects anonymous calls to `auth: 'key'` tools. */
export function requireCaller(context: ToolContext): Caller {
  if (!context.caller) {
    throw new ToolFailure('UNAUTHORIZED', 'This tool needs an API key: send Authorization: Bearer fav_mcp_…');
  }
  return context.caller;
}

/** A random CRM row ID with its kind's prefix (`svc_3f9a…`, id-prefixes.ts): the prefix says what it names. */
export function newId(kind: IdKind): string {
  return `${ID_PREFIX[kind]}_${randomBytes(8).toString('hex')}`;
}

/** The clock as an ISO string, so every stored time has one format. */
export function nowIso(context: ToolContext): string {
  return context.now().toISOString();
}

/** Currency for a company's money fields when the caller gives none (ISO 4217 by country). */
const CURRENCY_BY_COUNTRY: Record<string, string> = {
  HK: 'HKD', MO: 'MOP', TW: 'TWD', CN: 'CNY', SG: 'SGD', MY: 'MYR', JP: 'JPY', KR: 'KRW',
  AU: 'AUD', NZ: 'NZD', CA: 'CAD', GB: 'GBP', US: 'USD', IN: 'INR', TH: 'THB', PH: 'PHP',
  DE: 'EUR', FR: 'EUR', IE: 'EUR', ES: 'EUR', IT: 'EUR', NL: 'EUR', PT: 'EUR', AT: 'EUR', BE: 'EUR', FI: 'EUR',
};

/** What the CRM tools need to know about the caller's workspace. */
export interface CompanyProfile {
  id: string;
  name: string;
  timezone: string;
  country: string | null;
  currency: string;
  createdAt: string;
}

interface CompanyRow {
  id: string;
  name: string;
  timezone: string | null;
  country: string | null;
  created_at: string;
}

/** Falls back to UTC for an unset or unknown zone, so date maths never throws mid-request. */
export function usableTimezone(timezone: string | null | undefined): string {
  if (!timezone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return timezone;
  } catch {
    return 'UTC';
  }
}

/** Loads the caller's active company (timezone, default currency); every CRM tool starts here. */
export function loadCompany(context: ToolContext): CompanyProfile {
  const caller = requireCaller(context);
  const row = prepareCached(context.db, 'SELECT id, name, timezone, country, created_at FROM companies WHERE id = ?').get(caller.companyId) as CompanyRow | undefined;
  if (!row) {
    throw new ToolFailure('NOT_FOUND', `The workspace ${caller.companyId} behind this key no longer exists.`, {
      companyId: caller.companyId,
      hint: 'Call list_my_companies and switch_company to pick a workspace.',
    });
  }
  const country = row.country ? row.country.toUpperCase() : null;
  return {
    id: row.id,
    name: row.name,
    timezone: usableTimezone(row.timezone),
    country,
    currency: currencyFor(country),
    createdAt: row.created_at,
  };
}

/** The currency a company's money defaults to: its country's, else USD (also for no country at all). */
export function currencyFor(country: string | null | undefined): string {
  return (country && CURRENCY_BY_COUNTRY[country.toUpperCase()]) ?? 'USD';
}

/** Uppercases a caller-given ISO 4217 code, or uses the company default. */
export function pickCurrency(given: string | undefined, company: CompanyProfile): string {
  return given ? given.toUpperCase() : company.currency;
}

/** Rounds money to cents so sums of REALs print cleanly. */
export function money(value: number): number {
  return Math.round(value * 100) / 100;
}
