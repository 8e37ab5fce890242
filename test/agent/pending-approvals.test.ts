import { describe, expect, it } from 'vitest';
import type { AgentEvent, ApprovalRequest } from '../../src/agent/events.js';
import { PendingApprovals } from '../../src/agent/pending-approvals.js';
import { summariseArguments } from '../../src/agent/summarise-tool-call.js';

const request = (id: string): ApprovalRequest => ({ approvalId: id, toolName: 't', title: id, description: id, args: {}, fields: [], reaches: ['people'] });

function setUp() {
  const events: AgentEvent[] = [];
  const approvals = new PendingApprovals((event) => events.push(event));
  const shown = () => events.flatMap((event) => (event.type === 'approval-request' ? [event.request.approvalId] : []));
  return { events, approvals, shown };
}

describe('PendingApprovals asks one at a time', () => {
  it('asks the second only once the first is answered, and each answer resolves its own call', async () => {
    const { approvals, shown } = setUp();
    const controller = new AbortController();
    const first = approvals.ask('t1', request('a1'), controller.signal);
    const second = approvals.ask('t1', request('a2'), controller.signal);
    expect(shown()).toEqual(['a1']);
    // A yes for a question not yet on screen is no answer at all.
    approvals.answer('a2', true);
    expect(shown()).toEqual(['a1']);
    approvals.answer('a1', false);
    expect(shown()).toEqual(['a1', 'a2']);
    approvals.answer('a2', true);
    expect(await first).toBe(false);
    expect(await second).toBe(true);
  });

  it('cancelling declines the one asked and every queued one, and never puts a queued one on screen', async () => {
    const { approvals, shown, events } = setUp();
    const controller = new AbortController();
    const answers = [approvals.ask('t1', request('a1'), controller.signal), approvals.ask('t1', request('a2'), controller.signal), approvals.ask('t1', request('a3'), controller.signal)];
    controller.abort();
    expect(await Promise.all(answers)).toEqual([false, false, false]);
    expect(shown()).toEqual(['a1']);
    expect(events.filter((event) => event.type === 'approval-resolved')).toHaveLength(1);
  });

  it('declineAll (the turn ended) leaves nothing waiting', async () => {
    const { approvals, shown } = setUp();
    const signal = new AbortController().signal;
    const answers = [approvals.ask('t1', request('a1'), signal), approvals.ask('t1', request('a2'), signal)];
    approvals.declineAll();
    expect(await Promise.all(answers)).toEqual([false, false]);
    expect(shown()).toEqual(['a1']);
  });
});

describe('the compact tool card', () => {
  it('puts the URL first in the schema order, so padding cannot push it off the four shown', () => {
    const schema = { type: 'object', properties: { url: { type: 'string' }, title: { type: 'string' } } };
    const args = { title: 'Notes', note: 'n', source: 's', lang: 'en', url: 'https://evil.test/x' };
    expect(summariseArguments('scrape_knowledge_url', args, schema)).toBe('url https://evil.test/x · title Notes · note n · source s');
  });
});
