import { z } from 'zod';
import { newId, nowIso, requireCaller } from './caller-scope.js';
import { limitField, listResult } from './list-result.js';
import { POST_STATUSES, POST_TYPES, findPost, postBlock, postView, uniqueSlug, type PostRow } from './post-records.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool, type ToolContext } from './tool-definition.js';

const postIdField = z.string().describe('Post ID (pst_…) from list_posts.');

function setStatus(context: ToolContext, row: PostRow, status: PostRow['status']) {
  const at = nowIso(context);
  const publishedAt = status === 'published' ? (row.published_at ?? at) : row.published_at;
  context.db.prepare('UPDATE posts SET status = ?, published_at = ?, updated_at = ? WHERE id = ?').run(status, publishedAt, at, row.id);
}

const listPosts = defineTool({
  name: 'list_posts',
  description: 'List blog posts and pages, newest first, optionally by status or type.',
  inputSchema: {
    status: z.enum(POST_STATUSES).optional().describe('Only draft, published or archived posts.'),
    type: z.enum(POST_TYPES).optional().describe('Only blog, page or news posts.'),
    limit: limitField(),
  },
  annotations: readOnlyTool('List posts'),
  auth: 'key',
  handler: (args, context) => {
    const where = ['company_id = ?'];
    const params: unknown[] = [requireCaller(context).companyId];
    if (args.status) { where.push('status = ?'); params.push(args.status); }
    if (args.type) { where.push('type = ?'); params.push(args.type); }
    const clause = where.join(' AND ');
    const total = (context.db.prepare(`SELECT COUNT(*) AS n FROM posts WHERE ${clause}`).get(...params) as { n: number }).n;
    const rows = context.db.prepare(`SELECT * FROM posts WHERE ${clause} ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(...params, args.limit) as PostRow[];
    return listResult(rows.map((row) => postView(row)), total);
  },
});

const getPost = defineTool({
  name: 'get_post',
  description: 'Get one post with all its content blocks.',
  inputSchema: { postId: postIdField },
  annotations: readOnlyTool('Get post'),
  auth: 'key',
  handler: (args, context) => postView(findPost(context, args.postId), true),
});

const createPost = defineTool({
  name: 'create_post',
  description: [
    'Create a blog post or page as a draft; it stays private until published.',
    'blocks use the shapes paragraph {text}, heading {text, level}, image {url, alt}, quote {text}, list {items}; add more with append_post_block.',
  ].join('\n'),
  inputSchema: {
    title: z.string().trim().min(1).max(200).describe('Post title.'),
    type: z.enum(POST_TYPES).default('blog').describe('blog (default), page or news.'),
    slug: z.string().max(80).optional().describe('URL slug; made from the title when absent and kept unique.'),
    excerpt: z.string().max(500).optional().describe('Short summary for listings.'),
    blocks: z.array(postBlock).max(200).default([]).describe('Initial content blocks (see the description for shapes).'),
  },
  annotations: writeTool('Create post draft'),
  auth: 'key',
  handler: (args, context) => {
    const companyId = requireCaller(context).companyId;
    const id = newId('post');
    const at = nowIso(context);
    context.db
      .prepare(`INSERT INTO posts (id, company_id, title, slug, type, status, excerpt, blocks, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)`)
      .run(id, companyId, args.title, uniqueSlug(context, companyId, args.slug ?? args.title), args.type, args.excerpt ?? null,
        JSON.stringify(args.blocks), at, at);
    return postView(findPost(context, id), true);
  },
});

const updatePost = defineTool({
  name: 'update_post',
  description: [
    'Update a post\'s title, slug, excerpt or status (status published publishes it, archived hides it).',
    'Publishing needs the person\'s approval after showing title, slug, type and the status change.',
  ].join('\n'),
  inputSchema: {
    postId: postIdField,
    title: z.string().trim().min(1).max(200).optional().describe('New title.'),
    slug: z.string().max(80).optional().describe('New URL slug (kept unique).'),
    excerpt: z.string().max(500).optional().describe('New excerpt.'),
    status: z.enum(POST_STATUSES).optional().describe('New status: draft, published or archived.'),
  },
  annotations: writeTool('Update post', { idempotent: true }),
  auth: 'key',
  handler: (args, context) => {
    const companyId = requireCaller(context).companyId;
    const row = findPost(context, args.postId);
    const slug = args.slug ? uniqueSlug(context, companyId, args.slug, row.id) : row.slug;
    context.db.prepare('UPDATE posts SET title = ?, slug = ?, excerpt = ?, updated_at = ? WHERE id = ?')
      .run(args.title ?? row.title, slug, args.excerpt ?? row.excerpt, nowIso(context), row.id);
    if (args.status && args.status !== row.status) setStatus(context, row, args.status);
    return { previousStatus: row.status, post: postView(findPost(context, row.id)) };
  },
});

const appendPostBlock = defineTool({
  name: 'append_post_block',
  description: 'Append one content block to the end of a post.\nblock is one of paragraph {text}, heading {text, level}, image {url, alt}, quote {text}, list {items}.',
  inputSchema: { postId: postIdField, block: postBlock.describe('The block to append, with its type field.') },
  annotations: writeTool('Append post block'),
  auth: 'key',
  handler: (args, context) => {
    const row = findPost(context, args.postId);
    const blocks = [...(JSON.parse(row.blocks) as unknown[]), args.block];
    context.db.prepare('UPDATE posts SET blocks = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(blocks), nowIso(context), row.id);
    return { position: blocks.length - 1, post: postView(findPost(context, row.id)) };
  },
});

const publishPost = defineTool({
  name: 'publish_post',
  description: 'Publish a draft post so the public can see it.\nOnly after the person approved; same as update_post with status published.',
  inputSchema: { postId: postIdField },
  annotations: writeTool('Publish post'),
  auth: 'key',
  handler: (args, context) => {
    const row = findPost(context, args.postId);
    setStatus(context, row, 'published');
    return { previousStatus: row.status, post: postView(findPost(context, row.id)) };
  },
});

const deletePost = defineTool({
  name: 'delete_post',
  description: 'Delete a post for good.\nDestructive: show the title, slug and status and get approval first.',
  inputSchema: { postId: postIdField },
  annotations: writeTool('Delete post', { destructive: true }),
  auth: 'key',
  handler: (args, context) => {
    const row = findPost(context, args.postId);
    context.db.prepare('DELETE FROM posts WHERE id = ? AND company_id = ?').run(row.id, requireCaller(context).companyId);
    return { deleted: true, post: postView(row) };
  },
});

const generateImage = defineTool({
  name: 'generate_image',
  description: [
    'Generate an image from a text prompt for posts and campaigns.',
    'Sandbox: no image model is called; the answer is a placeholder image URL carrying the prompt.',
  ].join('\n'),
  inputSchema: {
    prompt: z.string().trim().min(3).max(2000).describe('What the image should show.'),
    model: z.string().max(100).default('gemini-2.5-flash-image').describe('Image model (default gemini-2.5-flash-image).'),
  },
  annotations: writeTool('Generate image', { openWorld: true }),
  auth: 'key',
  handler: (args, context) => {
    const id = newId('image');
    const url = `https://placehold.co/1024x1024/png?text=${encodeURIComponent(args.prompt.slice(0, 60))}`;
    context.db.prepare('INSERT INTO generated_images (id, company_id, prompt, model, url, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, requireCaller(context).companyId, args.prompt, args.model, url, nowIso(context));
    return { imageId: id, url, model: args.model, prompt: args.prompt, sandbox: true, note: 'Sandbox placeholder: no image model was called.' };
  },
});

/** Blog and page publishing plus image generation (blog scope). */
export const contentTools: SandboxTool[] = [listPosts, getPost, createPost, updatePost, appendPostBlock, publishPost, deletePost, generateImage];
