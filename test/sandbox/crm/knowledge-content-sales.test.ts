import { describe, expect, it } from 'vitest';
import { createHarness, fails, ok, type Listed } from './crm-fixture.js';

describe('knowledge base', () => {
  it('adds text, cites it from query_company_knowledge, queues URLs without fetching and deletes', async () => {
    const harness = createHarness();
    const shop = harness.workspace();
    const policy = await ok<{ id: string; status: string }>(shop, 'add_knowledge_text', {
      title: 'Cancellation policy',
      text: 'Bookings can be cancelled free of charge up to 24 hours before the start.\n\nLate cancellations are charged 50% of the price.',
    });
    expect(policy.status).toBe('ready');
    await ok(shop, 'add_knowledge_text', { title: 'Opening hours', text: 'We open Monday to Saturday, 9am to 6pm.' });
    const answer = await ok<Listed<{ documentId: string; title: string; snippet: string }>>(shop, 'query_company_knowledge', { query: 'late cancellation charge' });
    expect(answer.items[0]).toMatchObject({ documentId: policy.id, title: 'Cancellation policy' });
    expect(answer.items[0]?.snippet).toMatch(/^Late cancellations/);
    const queued = await ok<{ id: string; status: string; message: string }>(shop, 'scrape_knowledge_url', { url: 'https://example.com/faq' });
    expect(queued.status).toBe('queued');
    expect(queued.message).toMatch(/never fetches/);
    expect((await ok<Listed>(shop, 'list_knowledge_documents')).total).toBe(3);
    expect((await ok<Listed>(harness.workspace(), 'query_company_knowledge', { query: 'cancellation' })).total).toBe(0);
    await ok(shop, 'delete_knowledge_document', { documentId: policy.id });
    expect((await ok<Listed>(shop, 'query_company_knowledge', { query: 'cancellation' })).total).toBe(0);
    expect((await fails(shop, 'delete_knowledge_document', { documentId: policy.id })).code).toBe('NOT_FOUND');
  });
});

describe('content', () => {
  it('keeps posts as drafts, appends blocks, publishes via update_post and deletes', async () => {
    const shop = createHarness().workspace();
    const post = await ok<{ id: string; slug: string; status: string; blocks: unknown[] }>(shop, 'create_post', { title: 'Spring Offers!', blocks: [{ type: 'paragraph', text: 'Hello' }] });
    expect(post).toMatchObject({ slug: 'spring-offers', status: 'draft' });
    expect((await ok<{ slug: string }>(shop, 'create_post', { title: 'Spring offers' })).slug).toBe('spring-offers-2');
    const image = await ok<{ url: string; sandbox: boolean }>(shop, 'generate_image', { prompt: 'A calm spa room' });
    expect(image.sandbox).toBe(true);
    const appended = await ok<{ position: number }>(shop, 'append_post_block', { postId: post.id, block: { type: 'image', url: image.url, alt: 'Spa' } });
    expect(appended.position).toBe(1);
    expect((await fails(shop, 'append_post_block', { postId: post.id, block: { type: 'video', url: 'x' } })).code).toBe('VALIDATION');
    const published = await ok<{ previousStatus: string; post: { status: string; publishedAt: string } }>(shop, 'update_post', { postId: post.id, status: 'published' });
    expect(published).toMatchObject({ previousStatus: 'draft', post: { status: 'published' } });
    expect(published.post.publishedAt).toBeTruthy();
    expect((await ok<Listed>(shop, 'list_posts', { status: 'draft' })).total).toBe(1);
    expect((await ok<{ blocks: unknown[] }>(shop, 'get_post', { postId: post.id })).blocks).toHaveLength(2);
    await ok(shop, 'delete_post', { postId: post.id });
    expect((await fails(shop, 'publish_post', { postId: post.id })).code).toBe('NOT_FOUND');
  });
});

describe('sales', () => {
  it('moves deals through stages and completes tasks', async () => {
    const shop = createHarness().workspace();
    const deal = await ok<{ id: string; stage: string; ownerUserId: string }>(shop, 'create_deal', { title: 'Corporate wellness', value: 20000 });
    expect(deal).toMatchObject({ stage: 'lead', ownerUserId: shop.caller.userId });
    const won = await ok<{ previousStage: string; deal: { stage: string; closedAt: string } }>(shop, 'update_deal_stage', { dealId: deal.id, stage: 'won' });
    expect(won.previousStage).toBe('lead');
    expect(won.deal.closedAt).toBeTruthy();
    expect((await ok<Listed>(shop, 'list_deals', { stage: 'won' })).total).toBe(1);
    const task = await ok<{ id: string; status: string }>(shop, 'create_task', { title: 'Send contract', dueDate: '2026-05-20', dealId: deal.id });
    expect(task.status).toBe('open');
    expect((await fails(shop, 'create_task', { title: 'X', assigneeUserId: 'usr_stranger' })).code).toBe('NOT_FOUND');
    expect((await ok<Listed>(shop, 'list_tasks')).total).toBe(1);
    const done = await ok<{ task: { status: string; completedAt: string } }>(shop, 'update_task', { taskId: task.id, status: 'done' });
    expect(done.task.status).toBe('done');
    expect(done.task.completedAt).toBeTruthy();
    expect((await ok<Listed>(shop, 'list_tasks')).total).toBe(0);
    expect((await ok<Listed>(shop, 'list_tasks', { status: 'all' })).total).toBe(1);
  });
});
