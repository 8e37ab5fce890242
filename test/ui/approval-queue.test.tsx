import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent, ApprovalRequest } from '../../src/agent/events.js';
import { ApprovalPrompt } from '../../src/ui/components/approval-prompt.js';
import { chatReducer } from '../../src/ui/state/chat-reducer.js';
import { initialChatState, type ChatState } from '../../src/ui/state/chat-state.js';
import { screen } from './helpers.js';

afterEach(() => cleanup());

const invite = (id: string, email: string): ApprovalRequest => ({
  approvalId: id,
  toolName: 'create_team_member_invite',
  title: 'Invite team member',
  description: `Email an invitation to ${email}.`,
  args: { email },
  fields: [{ path: 'email', value: email }],
  reaches: ['people'],
});

const event = (state: ChatState, value: AgentEvent): ChatState => chatReducer(state, { type: 'agent-event', event: value });

describe('approvals queue on screen when a session asks several at once', () => {
  it('shows the first, keeps the second waiting, and moves on as each is answered', () => {
    const first = invite('a1', 'first@x.test');
    const second = invite('a2', 'second@x.test');
    let state = event(event(initialChatState, { type: 'approval-request', turnId: 't', request: first }), { type: 'approval-request', turnId: 't', request: second });
    expect(state.pendingApproval?.approvalId).toBe('a1');
    expect(state.queuedApprovals.map((request) => request.approvalId)).toEqual(['a2']);

    state = chatReducer(state, { type: 'approval-answered', approvalId: 'a1', approved: true });
    expect(state.pendingApproval?.approvalId).toBe('a2');
    state = event(state, { type: 'approval-resolved', turnId: 't', approvalId: 'a1', approved: true });
    expect(state.pendingApproval?.approvalId).toBe('a2');
    expect(state.entries.at(-1)).toMatchObject({ kind: 'notice', text: 'Invite team member: approved.' });

    // The core declining the one on screen (a cancel) also brings up nothing stale.
    state = event(state, { type: 'approval-resolved', turnId: 't', approvalId: 'a2', approved: false });
    expect(state.pendingApproval).toBeNull();
    expect(state.queuedApprovals).toEqual([]);
  });

  it('the card says how many more wait, and wraps a long value under its key instead of cutting it', () => {
    const url = `https://example.test/${'segment/'.repeat(20)}end`;
    const request: ApprovalRequest = { ...invite('a1', 'first@x.test'), fields: [{ path: 'url', value: url }, { path: 'extra', value: 'x', undeclared: true }] };
    const frame = screen(render(<ApprovalPrompt request={request} onAnswer={() => {}} columns={60} waiting={2} />));
    expect(frame).toContain('2 more to answer after this');
    const rows = frame.split('\n').map((row) => row.replace(/^│ ?/, '').replace(/ ?│$/, ''));
    const start = rows.findIndex((row) => row.startsWith('url: '));
    const continuation = rows.slice(start + 1).filter((row) => row.startsWith('  ') && row.trim() !== '');
    expect(continuation.length).toBeGreaterThan(1);
    expect([rows[start], ...continuation].map((row) => row?.trim()).join('')).toContain(`url: ${url}`);
    expect(frame).toContain('extra: x (not in the tool’s schema)');
  });
});
