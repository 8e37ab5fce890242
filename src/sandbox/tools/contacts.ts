import { z } from 'zod';
import { ToolFailure } from '../tool-failure.js';
import { findAccount, type AccountRow } from './account-lookup.js';
import { accountView, tagsByAccount } from './account-view.js';
import { newId, nowIso, requireCaller } from './caller-scope.js';
import { limitField, listResult } from './list-result.js';
import { ENTRY_TIER_ID, findTier, listTierRows } from './membership-tiers.js';
import { enforceQuota } from './plan-limits.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool, type ToolContext } from './tool-definition.js';

const DAY_MS = 86_400_000;

function tierNames(context: ToolContext, companyId: string): Map<string, string> {
  return new Map(listTierRows(context, companyId).map((tier) => [tier.id, tier.name]));
}

/** One account, fully rendered; used by create/update answers. */
export function renderAccount(context: ToolContext, row: AccountRow) {
  const companyId = requireCaller(context).companyId;
  return accountView(row, tagsByAccount(context, companyId, [row.id]).get(row.id) ?? [], tierNames(context, companyId));
}

function assertEmailFree(context: ToolContext, companyId: string, email: string, exceptId?: string): void {
  const clash = context.db
    .prepare('SELECT id FROM accounts WHERE company_id = ? AND lower(email) = lower(?) AND id != ?')
    .get(companyId, email, exceptId ?? '') as { id: string } | undefined;
  if (clash) {
    throw new ToolFailure('CONFLICT', `A customer with email ${email} already exists: ${clash.id}.`, {
      accountId: clash.id,
      hint: 'Use that account (get_member_profile) or update it with update_account.',
    });
  }
}

const createAccount = defineTool({
  name: 'create_account',
  description: [
    'Create a customer account (contact), optionally enrolling them in membership.',
    'name is required; enrollMembership: true or a tierId enrols the customer (default tier Bronze).',
    'Counts against the customers quota; fails with PLAN_LIMIT when the plan is full. Email must be unique in the workspace.',
  ].join('\n'),
  inputSchema: {
    name: z.string().trim().min(1).max(200).describe('Display name of the customer, e.g. "Chan Tai Man".'),
    email: z.string().email().optional().describe('Customer email; unique within the workspace.'),
    phone: z.string().min(3).max(40).optional().describe('Phone number, ideally E.164 such as +85291234567.'),
    firstName: z.string().max(100).optional().describe('Given name.'),
    lastName: z.string().max(100).optional().describe('Family name.'),
    enrollMembership: z.boolean().optional().describe('True to enrol the customer in the loyalty membership now.'),
    tierId: z.string().optional().describe('Membership tier to enrol into (see list_membership_tiers); implies enrolment.'),
    notes: z.string().max(2000).optional().describe('Free-text notes about the customer.'),
  },
  annotations: writeTool('Create customer account'),
  auth: 'key',
  handler: (args, context) => {
    const caller = requireCaller(context);
    if (args.email) assertEmailFree(context, caller.companyId, args.email);
    const enrol = args.enrollMembership === true || args.tierId !== undefined;
    const tierId = enrol ? findTier(context, caller.companyId, args.tierId ?? ENTRY_TIER_ID).id : null;
    enforceQuota(context, 'customers');
    const id = newId('account');
    const at = nowIso(context);
    context.db
      .prepare(
        `INSERT INTO accounts (id, company_id, name, first_name, last_name, email, phone, notes, tier_id, membership_enrolled_at,
           points_balance, last_activity_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
      )
      .run(id, caller.companyId, args.name, args.firstName ?? null, args.lastName ?? null, args.email ?? null, args.phone ?? null,
        args.notes ?? null, tierId, enrol ? at : null, at, at, at);
    return renderAccount(context, findAccount(context, id));
  },
});

const updateAccount = defineTool({
  name: 'update_account',
  description: 'Update a customer account\'s name, contact details or notes.\nOnly the fields you pass change; accountId comes from search_members.',
  inputSchema: {
    accountId: z.string().describe('Account ID (acc_…) from search_members or create_account.'),
    name: z.string().trim().min(1).max(200).optional().describe('New display name.'),
    email: z.string().email().optional().describe('New email; must stay unique in the workspace.'),
    phone: z.string().min(3).max(40).optional().describe('New phone number.'),
    firstName: z.string().max(100).optional().describe('New given name.'),
    lastName: z.string().max(100).optional().describe('New family name.'),
    notes: z.string().max(2000).optional().describe('Replacement notes.'),
  },
  annotations: writeTool('Update customer account', { idempotent: true }),
  auth: 'key',
  handler: (args, context) => {
    const caller = requireCaller(context);
    const row = findAccount(context, args.accountId);
    if (args.email) assertEmailFree(context, caller.companyId, args.email, row.id);
    context.db
      .prepare(
        `UPDATE accounts SET name = ?, email = ?, phone = ?, first_name = ?, last_name = ?, notes = ?, updated_at = ?
         WHERE id = ? AND company_id = ?`,
      )
      .run(args.name ?? row.name, args.email ?? row.email, args.phone ?? row.phone, args.firstName ?? row.first_name,
        args.lastName ?? row.last_name, args.notes ?? row.notes, nowIso(context), row.id, caller.companyId);
    return renderAccount(context, findAccount(context, row.id));
  },
});

const searchMembers = defineTool({
  name: 'search_members',
  description: [
    'Search customers and members by name, email or phone; filter by inactivity, tier or tag.',
    'search and query are the same thing (the CLI sends search, skills send query); omit both to list everyone, newest first.',
    'inactiveDays: only customers with no activity (booking, order, invoice, points) in that many days.',
  ].join('\n'),
  inputSchema: {
    search: z.string().optional().describe('Text to match against name, email or phone (case-insensitive).'),
    query: z.string().optional().describe('Same as search; accepted because FavCRM skills send query.'),
    inactiveDays: z.number().int().min(1).max(3650).optional().describe('Only customers inactive for at least this many days.'),
    tierId: z.string().optional().describe('Only members of this tier (see list_membership_tiers).'),
    tag: z.string().optional().describe('Only customers carrying this tag name (see list_tags).'),
    limit: limitField(),
  },
  annotations: readOnlyTool('Search members'),
  auth: 'key',
  handler: (args, context) => {
    const caller = requireCaller(context);
    const where = ['accounts.company_id = ?'];
    const params: unknown[] = [caller.companyId];
    const text = (args.search ?? args.query ?? '').trim();
    if (text) {
      where.push("(accounts.name LIKE ? ESCAPE '\\' OR accounts.email LIKE ? ESCAPE '\\' OR accounts.phone LIKE ? ESCAPE '\\')");
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      params.push(pattern, pattern, pattern);
    }
    if (args.inactiveDays !== undefined) {
      where.push('accounts.last_activity_at <= ?');
      params.push(new Date(context.now().getTime() - args.inactiveDays * DAY_MS).toISOString());
    }
    if (args.tierId) {
      findTier(context, caller.companyId, args.tierId);
      where.push('accounts.tier_id = ?');
      params.push(args.tierId);
    }
    if (args.tag) {
      where.push(`accounts.id IN (SELECT account_tags.account_id FROM account_tags JOIN tags ON tags.id = account_tags.tag_id
        WHERE tags.company_id = ? AND lower(tags.name) = lower(?))`);
      params.push(caller.companyId, args.tag);
    }
    const clause = where.join(' AND ');
    const total = (context.db.prepare(`SELECT COUNT(*) AS n FROM accounts WHERE ${clause}`).get(...params) as { n: number }).n;
    const rows = context.db
      .prepare(`SELECT * FROM accounts WHERE ${clause} ORDER BY accounts.created_at DESC, accounts.rowid DESC LIMIT ?`)
      .all(...params, args.limit) as AccountRow[];
    const tags = tagsByAccount(context, caller.companyId, rows.map((row) => row.id));
    const names = tierNames(context, caller.companyId);
    return listResult(rows.map((row) => accountView(row, tags.get(row.id) ?? [], names)), total);
  },
});

const listTags = defineTool({
  name: 'list_tags',
  description: 'List the customer tags in this workspace with how many customers carry each.',
  inputSchema: {},
  annotations: readOnlyTool('List tags'),
  auth: 'key',
  handler: (_args, context) => {
    const caller = requireCaller(context);
    const items = context.db
      .prepare(
        `SELECT tags.id AS id, tags.name AS name, COUNT(account_tags.account_id) AS accountCount, tags.created_at AS createdAt
         FROM tags LEFT JOIN account_tags ON account_tags.tag_id = tags.id
         WHERE tags.company_id = ? GROUP BY tags.id ORDER BY tags.name`,
      )
      .all(caller.companyId);
    return listResult(items);
  },
});

const attachTags = defineTool({
  name: 'attach_tags',
  description: [
    'Attach tags to one or more customers, creating tags that do not exist yet.',
    'Tag names are stored lower-case.',
    'Pass accountId for one customer or accountIds for many (up to 100). For bulk changes show the person the count and a preview first.',
  ].join('\n'),
  inputSchema: {
    accountIds: z.array(z.string()).min(1).max(100).optional().describe('Account IDs (acc_…) to tag.'),
    accountId: z.string().optional().describe('A single account ID, as an alternative to accountIds.'),
    tags: z.array(z.string().trim().min(1).max(50)).min(1).max(20).describe('Tag names to attach, e.g. ["vip", "newsletter"].'),
  },
  annotations: writeTool('Attach tags'),
  auth: 'key',
  handler: (args, context) => {
    const caller = requireCaller(context);
    const ids = [...new Set([...(args.accountIds ?? []), ...(args.accountId ? [args.accountId] : [])])];
    if (ids.length === 0) throw new ToolFailure('VALIDATION', 'Pass accountId or accountIds.', { field: 'accountIds' });
    for (const id of ids) findAccount(context, id);
    const at = nowIso(context);
    const names = [...new Set(args.tags.map((tag) => tag.toLowerCase()))];
    let attached = 0;
    context.db.transaction(() => {
      for (const name of names) {
        context.db
          .prepare('INSERT OR IGNORE INTO tags (id, company_id, name, created_at) VALUES (?, ?, ?, ?)')
          .run(newId('tag'), caller.companyId, name, at);
        const tag = context.db.prepare('SELECT id FROM tags WHERE company_id = ? AND name = ?').get(caller.companyId, name) as { id: string };
        for (const accountId of ids) {
          attached += context.db
            .prepare('INSERT OR IGNORE INTO account_tags (company_id, account_id, tag_id, created_at) VALUES (?, ?, ?, ?)')
            .run(caller.companyId, accountId, tag.id, at).changes;
        }
      }
    })();
    return { accountIds: ids, tags: names, newlyAttached: attached, alreadyPresent: ids.length * names.length - attached };
  },
});

/** Customer account tools (contacts scope); the profile lives in member-profile.ts. */
export const contactTools: SandboxTool[] = [createAccount, updateAccount, searchMembers, listTags, attachTags];
