import { z } from 'zod';
import { ToolFailure } from '../tool-failure.js';
import { currencyFor, usableTimezone } from './caller-scope.js';
import { listResult } from './list-result.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool } from './tool-definition.js';

/** Shown for a profile field the person left out at signup, so a table cell says so rather than going blank. */
const NOT_SET = 'not set';

interface CompanyRow {
  id: string;
  name: string;
  role: 'owner' | 'manager' | 'staff';
  industry: string | null;
  country: string | null;
  timezone: string | null;
}

const listMyCompanies = defineTool({
  name: 'list_my_companies',
  description: [
    'List the companies (workspaces) this key’s user belongs to, with role and which one is active.',
    'No arguments. Every other tool works in the active company; change it with switch_company.',
    'Returns items [{companyId, name, role, active, industry, country, timezone, currency, userId, email}], total, currentCompanyId and user {userId, email}.',
    'timezone and currency are the ones in use (UTC and USD when none was given); an unset country or industry reads "not set".',
  ].join('\n'),
  inputSchema: {},
  annotations: readOnlyTool('List my companies'),
  auth: 'key',
  handler(_args, context) {
    const caller = context.caller;
    if (!caller) throw new Error('list_my_companies ran without a caller; the registry enforces auth.');
    const rows = context.db
      .prepare(
        `SELECT c.id, c.name, m.role, c.industry, c.country, c.timezone
         FROM company_members m JOIN companies c ON c.id = m.company_id
         WHERE m.user_id = ? ORDER BY m.created_at, c.name, c.id`,
      )
      .all(caller.userId) as CompanyRow[];
    const email = context.db.prepare('SELECT email FROM users WHERE id = ?').pluck().get(caller.userId) as string;
    // `favcrm whoami` ("show the current user/company") draws these rows and nothing beside them (contract §2.6):
    // so each row carries who is asking, and the zone and currency the workspace really uses instead of blanks.
    const items = rows.map((row) => ({
      companyId: row.id,
      name: row.name,
      role: row.role,
      active: row.id === caller.companyId,
      industry: row.industry ?? NOT_SET,
      country: row.country ?? NOT_SET,
      timezone: usableTimezone(row.timezone),
      currency: currencyFor(row.country),
      userId: caller.userId,
      email,
    }));
    return listResult(items, rows.length, { currentCompanyId: caller.companyId, user: { userId: caller.userId, email } });
  },
});

const switchCompany = defineTool({
  name: 'switch_company',
  description: [
    'Make another of your companies the active workspace for this API key.',
    'Later calls with this key work there.',
    'companyId: one of the companyId values from list_my_companies. Confirm the target by name with the person first.',
    'Returns the new active company {companyId, name, role} and previousCompanyId.',
  ].join('\n'),
  inputSchema: {
    companyId: z.string().trim().min(1, 'must not be empty').max(100, 'is too long'),
  },
  annotations: writeTool('Switch company', { idempotent: true }),
  auth: 'key',
  handler(args, context) {
    const caller = context.caller;
    if (!caller) throw new Error('switch_company ran without a caller; the registry enforces auth.');
    const company = context.db.prepare('SELECT id, name FROM companies WHERE id = ?').get(args.companyId) as
      | { id: string; name: string }
      | undefined;
    if (!company) {
      throw new ToolFailure('NOT_FOUND', `No company has id ${args.companyId}. Call list_my_companies to see the ids you can use.`, {
        field: 'companyId',
      });
    }
    const role = context.db
      .prepare('SELECT role FROM company_members WHERE company_id = ? AND user_id = ?')
      .pluck()
      .get(company.id, caller.userId) as string | undefined;
    if (role === undefined) {
      throw new ToolFailure(
        'FORBIDDEN',
        'You are not a member of that company. Call list_my_companies to see yours, or ask one of its owners or managers for an invite.',
        { field: 'companyId' },
      );
    }
    context.db.prepare('UPDATE api_keys SET active_company_id = ? WHERE id = ?').run(company.id, caller.keyId);
    return {
      companyId: company.id,
      name: company.name,
      role,
      previousCompanyId: caller.companyId,
      message: `All further calls with this key work in ${company.name}.`,
    };
  },
});

/** Workspace tools: which companies a key can see and which one it works in (contract §3.7, §6.6). */
export const workspaceTools = [listMyCompanies, switchCompany];
