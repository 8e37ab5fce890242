import { terms } from './text-terms.js';
import type { ToolContext } from './tool-definition.js';

/** Snippets are paragraphs cut to this many characters, enough to quote and cite. */
const SNIPPET_CHARS = 400;

export interface KnowledgeSnippet {
  documentId: string;
  title: string;
  snippet: string;
  score: number;
  sourceUrl: string | null;
}

interface DocumentRow {
  id: string;
  title: string;
  content: string;
  source_url: string | null;
}

function paragraphs(content: string): string[] {
  return content
    .split(/\n\s*\n/)
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter((part) => part.length > 0)
    .flatMap((part) => (part.length <= SNIPPET_CHARS ? [part] : part.match(new RegExp(`.{1,${SNIPPET_CHARS}}(\\s|$)`, 'g')) ?? [part]));
}

/**
 * Term matching over the workspace's ready documents: each paragraph scores 3 per distinct query
 * term plus 1 per further occurrence, with 2 extra per term in the title. Best first; ties by document order.
 */
export function searchKnowledge(context: ToolContext, companyId: string, query: string, limit: number): KnowledgeSnippet[] {
  const wanted = [...new Set(terms(query))];
  if (wanted.length === 0) return [];
  const documents = context.db
    .prepare("SELECT id, title, content, source_url FROM knowledge_documents WHERE company_id = ? AND status = 'ready' ORDER BY created_at, rowid")
    .all(companyId) as DocumentRow[];
  const results: KnowledgeSnippet[] = [];
  for (const document of documents) {
    const titleTerms = new Set(terms(document.title));
    for (const paragraph of paragraphs(document.content)) {
      const words = terms(paragraph);
      let score = 0;
      for (const term of wanted) {
        const occurrences = words.filter((word) => word === term).length;
        if (occurrences > 0) score += 3 + (occurrences - 1);
        if (titleTerms.has(term)) score += 2;
      }
      if (words.some((word) => wanted.includes(word))) {
        results.push({ documentId: document.id, title: document.title, snippet: paragraph.trim(), score, sourceUrl: document.source_url });
      }
    }
  }
  return results.sort((a, b) => b.score - a.score).slice(0, limit);
}
