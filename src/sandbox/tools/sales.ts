import { z } from 'zod';
import { ToolFailure } from '../tool-failure.js';
import { findAccount } from './account-lookup.js';
import { loadCompany, money, newId, nowIso, pickCurrency, requireCaller } from './caller-scope.js';
import { parseCalendarDate } from './company-time.js';
import { limitField, listResult } from './list-result.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool, type ToolContext } from './tool-definition.js';

const DEAL_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;

const DEAL_SELECT = `SELECT deals.id, deals.title, deals.account_id AS accountId, accounts.name AS customerName, deals.value, deals.currency,
  deals.stage, deals.owner_user_id AS ownerUserId, deals.expected_close_date AS expectedCloseDate, deals.closed_at AS closedAt,
  deals.created_at AS createdAt, deals.updated_at AS updatedAt FROM deals LEFT JOIN accounts ON accounts.id = deals.account_id`;
const TASK_SELECT = `SELECT id, title, description, status, due_date AS dueDate, assignee_user_id AS assigneeUserId, account_id AS accountId,
  deal_id AS dealId, completed_at AS completedAt, created_at AS createdAt, updated_at AS updatedAt FROM tasks`;

function findDeal(context: ToolContext, dealId: string) {
  const row = context.db.prepare(`${DEAL_SELECT} WHERE deals.id = ? AND deals.company_id = ?`).get(dealId, requireCaller(context).companyId) as
    | { id: string; stage: string }
    | undefined;
  if (!row) throw new ToolFailure('NOT_FOUND', `No deal ${dealId} in this workspace.`, { dealId, hint: 'Call list_deals for valid deal IDs.' });
  return row;
}

function findTask(context: ToolContext, taskId: string) {
  const row = context.db.prepare(`${TASK_SELECT} WHERE id = ? AND company_id = ?`).get(taskId, requireCaller(context).companyId) as
    | { id: string; title: string; description: string | null; status: string; dueDate: string | null; assigneeUserId: string }
    | undefined;
  if (!row) throw new ToolFailure('NOT_FOUND', `No task ${taskId} in this workspace.`, { taskId, hint: 'Call list_tasks for valid task IDs.' });
  return row;
}

/** Assignees and owners must be members of the workspace; defaults to the caller. */
function memberUserId(context: ToolContext, userId: string | undefined): string {
  const caller = requireCaller(context);
  if (!userId) return caller.userId;
  const member = context.db.prepare('SELECT 1 FROM company_members WHERE company_id = ? AND user_id = ?').get(caller.companyId, userId);
  if (!member) throw new ToolFailure('NOT_FOUND', `User ${userId} is not a member of this workspace.`, { userId, hint: 'Leave it out to use yourself.' });
  return userId;
}

const listDeals = defineTool({
  name: 'list_deals',
  description: 'List sales deals (pipeline) with stage, value and customer, optionally by stage.',
  inputSchema: { stage: z.enum(DEAL_STAGES).optional().describe('Only deals in this stage.'), limit: limitField() },
  annotations: readOnlyTool('List deals'),
  auth: 'key',
  handler: (args, context) => {
    const params: unknown[] = [requireCaller(context).companyId, ...(args.stage ? [args.stage] : [])];
    const where = 'deals.company_id = ?' + (args.stage ? ' AND deals.stage = ?' : '');
    const total = (context.db.prepare(`SELECT COUNT(*) AS n FROM deals WHERE ${where}`).get(...params) as { n: number }).n;
    return listResult(context.db.prepare(`${DEAL_SELECT} WHERE ${where} ORDER BY deals.updated_at DESC, deals.rowid DESC LIMIT ?`).all(...params, args.limit), total);
  },
});

const createDeal = defineTool({
  name: 'create_deal',
  description: 'Create a sales deal (opportunity) in the pipeline, starting at stage lead by default.',
  inputSchema: {
    title: z.string().trim().min(1).max(200).describe('Deal name, e.g. "Corporate wellness package".'),
    value: z.number().min(0).default(0).describe('Expected value in currency units (default 0).'),
    currency: z.string().length(3).optional().describe('ISO 4217 code; defaults to the company currency.'),
    accountId: z.string().optional().describe('Customer account the deal is with (acc_…).'),
    stage: z.enum(DEAL_STAGES).default('lead').describe('Starting stage (default lead).'),
    expectedCloseDate: z.string().optional().describe('Expected close date YYYY-MM-DD.'),
    ownerUserId: z.string().optional().describe('Owning team member\'s user ID (default: you).'),
  },
  annotations: writeTool('Create deal'),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    if (args.accountId) findAccount(context, args.accountId);
    const id = newId('deal');
    const at = nowIso(context);
    context.db
      .prepare(`INSERT INTO deals (id, company_id, title, account_id, value, currency, stage, owner_user_id, expected_close_date, closed_at, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, company.id, args.title, args.accountId ?? null, money(args.value), pickCurrency(args.currency, company), args.stage,
        memberUserId(context, args.ownerUserId), args.expectedCloseDate ? parseCalendarDate(args.expectedCloseDate, 'expectedCloseDate') : null,
        args.stage === 'won' || args.stage === 'lost' ? at : null, at, at);
    return findDeal(context, id);
  },
});

const updateDealStage = defineTool({
  name: 'update_deal_stage',
  description: 'Move a deal to another pipeline stage (lead, qualified, proposal, negotiation, won, lost).\nConfirm stage changes with the person.',
  inputSchema: {
    dealId: z.string().describe('Deal ID (deal_…) from list_deals.'),
    stage: z.enum(DEAL_STAGES).describe('The new stage.'),
  },
  annotations: writeTool('Update deal stage', { idempotent: true }),
  auth: 'key',
  handler: (args, context) => {
    const deal = findDeal(context, args.dealId);
    const at = nowIso(context);
    const closed = args.stage === 'won' || args.stage === 'lost';
    context.db.prepare('UPDATE deals SET stage = ?, closed_at = ?, updated_at = ? WHERE id = ?').run(args.stage, closed ? at : null, at, deal.id);
    return { previousStage: deal.stage, deal: findDeal(context, deal.id) };
  },
});

const listTasks = defineTool({
  name: 'list_tasks',
  description: 'List follow-up tasks, earliest due first, by default the open and in-progress ones.',
  inputSchema: {
    status: z.enum([...TASK_STATUSES, 'all']).optional().describe('Only this status, or all; default open and in_progress.'),
    assigneeUserId: z.string().optional().describe('Only tasks assigned to this user ID.'),
    limit: limitField(),
  },
  annotations: readOnlyTool('List tasks'),
  auth: 'key',
  handler: (args, context) => {
    const where = ['company_id = ?'];
    const params: unknown[] = [requireCaller(context).companyId];
    if (!args.status) where.push("status IN ('open','in_progress')");
    else if (args.status !== 'all') { where.push('status = ?'); params.push(args.status); }
    if (args.assigneeUserId) { where.push('assignee_user_id = ?'); params.push(args.assigneeUserId); }
    const clause = where.join(' AND ');
    const total = (context.db.prepare(`SELECT COUNT(*) AS n FROM tasks WHERE ${clause}`).get(...params) as { n: number }).n;
    const items = context.db.prepare(`${TASK_SELECT} WHERE ${clause} ORDER BY due_date IS NULL, due_date, created_at LIMIT ?`).all(...params, args.limit);
    return listResult(items, total);
  },
});

const createTask = defineTool({
  name: 'create_task',
  description: 'Create a follow-up task, optionally linked to a customer or deal and assigned to a team member.',
  inputSchema: {
    title: z.string().trim().min(1).max(200).describe('What needs doing, e.g. "Call back about package pricing".'),
    description: z.string().max(4000).optional().describe('Details.'),
    dueDate: z.string().optional().describe('Due date YYYY-MM-DD.'),
    assigneeUserId: z.string().optional().describe('Team member\'s user ID (default: you).'),
    accountId: z.string().optional().describe('Related customer (acc_…).'),
    dealId: z.string().optional().describe('Related deal (deal_…).'),
  },
  annotations: writeTool('Create task'),
  auth: 'key',
  handler: (args, context) => {
    const companyId = requireCaller(context).companyId;
    if (args.accountId) findAccount(context, args.accountId);
    if (args.dealId) findDeal(context, args.dealId);
    const id = newId('task');
    const at = nowIso(context);
    context.db
      .prepare(`INSERT INTO tasks (id, company_id, title, description, status, due_date, assignee_user_id, account_id, deal_id, created_at, updated_at)
        VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)`)
      .run(id, companyId, args.title, args.description ?? null, args.dueDate ? parseCalendarDate(args.dueDate, 'dueDate') : null,
        memberUserId(context, args.assigneeUserId), args.accountId ?? null, args.dealId ?? null, at, at);
    return findTask(context, id);
  },
});

const updateTask = defineTool({
  name: 'update_task',
  description: 'Update a task\'s status, title, due date or assignee (status done completes it).\nConfirm due-date and assignee changes with the person.',
  inputSchema: {
    taskId: z.string().describe('Task ID (task_…) from list_tasks.'),
    status: z.enum(TASK_STATUSES).optional().describe('New status: open, in_progress, done or cancelled.'),
    title: z.string().trim().min(1).max(200).optional().describe('New title.'),
    description: z.string().max(4000).optional().describe('New details.'),
    dueDate: z.string().optional().describe('New due date YYYY-MM-DD.'),
    assigneeUserId: z.string().optional().describe('New assignee\'s user ID.'),
  },
  annotations: writeTool('Update task', { idempotent: true }),
  auth: 'key',
  handler: (args, context) => {
    const task = findTask(context, args.taskId);
    const at = nowIso(context);
    const status = args.status ?? task.status;
    context.db
      .prepare(`UPDATE tasks SET status = ?, title = ?, description = ?, due_date = ?, assignee_user_id = ?,
        completed_at = CASE WHEN ? = 'done' THEN COALESCE(completed_at, ?) ELSE NULL END, updated_at = ? WHERE id = ?`)
      .run(status, args.title ?? task.title, args.description ?? task.description,
        args.dueDate ? parseCalendarDate(args.dueDate, 'dueDate') : task.dueDate,
        args.assigneeUserId ? memberUserId(context, args.assigneeUserId) : task.assigneeUserId, status, at, at, task.id);
    return { previousStatus: task.status, task: findTask(context, task.id) };
  },
});

/** Sales pipeline and follow-up tasks. */
export const salesTools: SandboxTool[] = [listDeals, createDeal, updateDealStage, listTasks, createTask, updateTask];
