import { z } from 'zod';
import { newId, nowIso, requireCaller } from './caller-scope.js';
import { searchCatalogue } from './catalogue-search.js';
import { searchKnowledge } from './knowledge-search.js';
import { listResult } from './list-result.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool } from './tool-definition.js';

const queryFavcrmPlatform = defineTool({
  name: 'query_favcrm_platform',
  description: [
    'Find the right FavCRM tools for a task described in plain words.',
    'Use it before guessing tool names or arguments.',
    'Answers the best-matching tools first, each with title, summary, arguments (type, required, description) and read-only/destructive flags.',
  ].join('\n'),
  inputSchema: {
    query: z.string().trim().min(1).max(500).describe('What you want to do, e.g. "create a booking" or "overdue invoices".'),
    limit: z.number().int().min(1).max(30).default(8).describe('Most tools to return (default 8).'),
  },
  annotations: readOnlyTool('Query FavCRM platform'),
  auth: 'key',
  handler: (args, context) => {
    const items = searchCatalogue(context.tools, args.query, args.limit);
    return listResult(items, items.length, {
      query: args.query,
      hint: items.length
        ? 'Call `tools/list` (or favcrm tool describe <name>) for a tool\'s full input schema.'
        : 'Nothing matched; try words such as booking, customer, invoice, order, post, deal, plan or whatsapp.',
    });
  },
});

const queryCompanyKnowledge = defineTool({
  name: 'query_company_knowledge',
  description: [
    'Search this business\'s own knowledge base (policies, FAQs, prices) for snippets.',
    'Each snippet comes with its source document ID.',
    'Cite the documentId of each snippet you rely on. Only ready documents are searched.',
  ].join('\n'),
  inputSchema: {
    query: z.string().trim().min(1).max(500).describe('Question or keywords, e.g. "cancellation policy".'),
    limit: z.number().int().min(1).max(20).default(5).describe('Most snippets to return (default 5).'),
  },
  annotations: readOnlyTool('Query company knowledge'),
  auth: 'key',
  handler: (args, context) => {
    const items = searchKnowledge(context, requireCaller(context).companyId, args.query, args.limit);
    return listResult(items, items.length, {
      query: args.query,
      ...(items.length === 0 ? { hint: 'No snippet matched. Check list_knowledge_documents, or add text with add_knowledge_text.' } : {}),
    });
  },
});

const reportAgentIssue = defineTool({
  name: 'report_agent_issue',
  description: [
    'Report a problem an AI agent hit with FavCRM: a missing tool, a bad schema, a failure.',
    'area examples: mcp_tool_missing, schema_confusing, tool_error, docs. stepsTried lists what you already tried.',
  ].join('\n'),
  inputSchema: {
    title: z.string().trim().min(1).max(200).describe('One-line summary, e.g. "No tool to merge duplicate customers".'),
    severity: z.enum(['low', 'medium', 'high', 'critical']).describe('How badly it blocks the task.'),
    area: z.string().min(1).max(100).describe('Category such as mcp_tool_missing, schema_confusing or tool_error.'),
    expectedBehavior: z.string().min(1).max(4000).describe('What you expected FavCRM to do.'),
    actualBehavior: z.string().min(1).max(4000).describe('What happened instead (include error codes and messages).'),
    stepsTried: z.array(z.string().max(1000)).max(50).default([]).describe('Tool calls or steps already tried, in order.'),
    aiAnalysis: z.string().max(4000).optional().describe('Your analysis of the cause, if any.'),
  },
  annotations: writeTool('Report agent issue'),
  auth: 'key',
  handler: (args, context) => {
    const caller = requireCaller(context);
    const id = newId('agentIssue');
    const at = nowIso(context);
    context.db
      .prepare(
        `INSERT INTO agent_issues (id, company_id, reported_by_user_id, title, severity, area, expected_behavior, actual_behavior, steps_tried, ai_analysis, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, caller.companyId, caller.userId, args.title, args.severity, args.area, args.expectedBehavior, args.actualBehavior,
        JSON.stringify(args.stepsTried), args.aiAnalysis ?? null, at);
    return { issueId: id, status: 'received', receivedAt: at, message: 'Thanks; the FavCRM team reviews agent issues. Carry on with another route meanwhile.' };
  },
});

/** Discovery and feedback tools every plan has. */
export const platformTools: SandboxTool[] = [queryFavcrmPlatform, queryCompanyKnowledge, reportAgentIssue];
