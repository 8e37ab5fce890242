import { z } from 'zod';
import { ToolFailure } from '../tool-failure.js';
import { requireCaller } from './caller-scope.js';
import type { ToolContext } from './tool-definition.js';

/** The sandbox CMS block shape; agents must use exactly these (content skill: "do not invent the block shape"). */
export const postBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph').describe('A paragraph of text.'), text: z.string().min(1).max(10000).describe('Paragraph text (plain or Markdown).') }),
  z.object({
    type: z.literal('heading').describe('A section heading.'),
    text: z.string().min(1).max(200).describe('Heading text.'),
    level: z.number().int().min(2).max(4).default(2).describe('Heading level 2–4 (default 2).'),
  }),
  z.object({
    type: z.literal('image').describe('An image.'),
    url: z.string().url().describe('Image URL, e.g. from generate_image.'),
    alt: z.string().max(300).optional().describe('Alt text describing the image.'),
  }),
  z.object({ type: z.literal('quote').describe('A quotation.'), text: z.string().min(1).max(2000).describe('Quoted text.') }),
  z.object({ type: z.literal('list').describe('A bulleted list.'), items: z.array(z.string().min(1).max(500)).min(1).max(50).describe('List items.') }),
]);
export type PostBlock = z.infer<typeof postBlock>;

export const POST_STATUSES = ['draft', 'published', 'archived'] as const;
export const POST_TYPES = ['blog', 'page', 'news'] as const;

export interface PostRow {
  id: string;
  title: string;
  slug: string;
  type: string;
  status: (typeof POST_STATUSES)[number];
  excerpt: string | null;
  blocks: string;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export function postView(row: PostRow, withBlocks = false) {
  const blocks = JSON.parse(row.blocks) as PostBlock[];
  return {
    id: row.id, title: row.title, slug: row.slug, type: row.type, status: row.status, excerpt: row.excerpt,
    blockCount: blocks.length, publishedAt: row.published_at, createdAt: row.created_at, updatedAt: row.updated_at,
    ...(withBlocks ? { blocks } : {}),
  };
}

export function findPost(context: ToolContext, postId: string): PostRow {
  const row = context.db.prepare('SELECT * FROM posts WHERE id = ? AND company_id = ?').get(postId, requireCaller(context).companyId) as PostRow | undefined;
  if (!row) throw new ToolFailure('NOT_FOUND', `No post ${postId} in this workspace.`, { postId, hint: 'Call list_posts for valid post IDs.' });
  return row;
}

/** URL slug from a title; a numeric suffix keeps it unique in the workspace. */
export function uniqueSlug(context: ToolContext, companyId: string, wanted: string, exceptId = ''): string {
  const base = wanted.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'post';
  const taken = context.db.prepare('SELECT 1 FROM posts WHERE company_id = ? AND slug = ? AND id != ?');
  let slug = base;
  for (let n = 2; taken.get(companyId, slug, exceptId); n++) slug = `${base}-${n}`;
  return slug;
}
