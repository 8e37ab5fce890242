import { z } from 'zod';
import { ToolFailure } from '../tool-failure.js';
import { newId, nowIso, requireCaller } from './caller-scope.js';
import { companyRowsNewestFirst, limitField, listResult } from './list-result.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool, type ToolContext } from './tool-definition.js';

interface DocumentRow {
  id: string;
  title: string;
  source_type: 'text' | 'url';
  source_url: string | null;
  content: string;
  status: 'ready' | 'queued';
  created_at: string;
}

function documentView(row: DocumentRow) {
  return {
    id: row.id,
    title: row.title,
    sourceType: row.source_type,
    sourceUrl: row.source_url,
    status: row.status,
    characters: row.content.length,
    createdAt: row.created_at,
  };
}

function findDocument(context: ToolContext, documentId: string): DocumentRow {
  const row = context.db
    .prepare('SELECT * FROM knowledge_documents WHERE id = ? AND company_id = ?')
    .get(documentId, requireCaller(context).companyId) as DocumentRow | undefined;
  if (!row) {
    throw new ToolFailure('NOT_FOUND', `No knowledge document ${documentId} in this workspace.`, {
      documentId,
      hint: 'Call list_knowledge_documents for valid document IDs.',
    });
  }
  return row;
}

const listKnowledgeDocuments = defineTool({
  name: 'list_knowledge_documents',
  description: 'List the documents in the AI agent\'s knowledge base with their status (ready or queued).',
  inputSchema: { limit: limitField(50, 200) },
  annotations: readOnlyTool('List knowledge documents'),
  auth: 'key',
  handler: (args, context) => {
    const page = companyRowsNewestFirst<DocumentRow>(context, 'knowledge_documents', '*', args.limit);
    return listResult(page.items.map(documentView), page.total);
  },
});

const addKnowledgeText = defineTool({
  name: 'add_knowledge_text',
  description: [
    'Add a text document (policy, FAQ, price list) to the AI agent\'s knowledge base.',
    'It is ready at once and query_company_knowledge can cite it by its document ID. Confirm the person owns the content.',
  ].join('\n'),
  inputSchema: {
    title: z.string().trim().min(1).max(200).describe('Document title, e.g. "Cancellation policy".'),
    text: z.string().trim().min(1).max(200000).describe('The document text; blank lines separate paragraphs.'),
  },
  annotations: writeTool('Add knowledge text'),
  auth: 'key',
  handler: (args, context) => {
    const id = newId('knowledgeDocument');
    context.db
      .prepare(
        `INSERT INTO knowledge_documents (id, company_id, title, source_type, source_url, content, status, created_at)
         VALUES (?, ?, ?, 'text', NULL, ?, 'ready', ?)`,
      )
      .run(id, requireCaller(context).companyId, args.title, args.text, nowIso(context));
    return documentView(findDocument(context, id));
  },
});

const scrapeKnowledgeUrl = defineTool({
  name: 'scrape_knowledge_url',
  description: [
    'Queue a web page to be scraped into the AI agent\'s knowledge base.',
    'The document starts as queued; do not claim it is learned until it is ready.',
    'Sandbox: pages are never fetched, so the document stays queued and has no text to search.',
  ].join('\n'),
  inputSchema: {
    url: z.string().url().describe('Public http(s) URL of the page to learn from.'),
    title: z.string().max(200).optional().describe('Title for the document (default: the URL).'),
  },
  annotations: writeTool('Scrape knowledge URL', { openWorld: true }),
  auth: 'key',
  handler: (args, context) => {
    if (!/^https?:\/\//i.test(args.url)) {
      throw new ToolFailure('VALIDATION', 'Only http(s) URLs can be scraped.', { field: 'url' });
    }
    const id = newId('knowledgeDocument');
    context.db
      .prepare(
        `INSERT INTO knowledge_documents (id, company_id, title, source_type, source_url, content, status, created_at)
         VALUES (?, ?, ?, 'url', ?, '', 'queued', ?)`,
      )
      .run(id, requireCaller(context).companyId, args.title ?? args.url, args.url, nowIso(context));
    return {
      ...documentView(findDocument(context, id)),
      sandbox: true,
      message: 'Queued. The sandbox never fetches pages, so this document stays queued; use add_knowledge_text to add the text directly.',
    };
  },
});

const deleteKnowledgeDocument = defineTool({
  name: 'delete_knowledge_document',
  description: 'Delete a document from the knowledge base for good.\nDestructive: confirm the ID, title, status and reason with the person first.',
  inputSchema: { documentId: z.string().describe('Document ID (doc_…) from list_knowledge_documents.') },
  annotations: writeTool('Delete knowledge document', { destructive: true }),
  auth: 'key',
  handler: (args, context) => {
    const row = findDocument(context, args.documentId);
    context.db.prepare('DELETE FROM knowledge_documents WHERE id = ? AND company_id = ?').run(row.id, requireCaller(context).companyId);
    return { deleted: true, document: documentView(row) };
  },
});

/** AI agent knowledge base tools; searching it is query_company_knowledge in platform.ts. */
export const knowledgeTools: SandboxTool[] = [listKnowledgeDocuments, addKnowledgeText, scrapeKnowledgeUrl, deleteKnowledgeDocument];
