import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentEvent, ApprovalRequest } from '../../src/agent/events.js';
import { ApprovalPrompt } from '../../src/ui/components/approval-prompt.js';
import { chatReducer } from '../../src/ui/state/chat-reducer.js';
import { initialChatState, type ChatState } from '../../src/ui/state/chat-state.js';
import { APPROVAL_SETTLE_MS } from '../../src/ui/hooks/use-approval-keys.js';
import { eventually, screen, tick } from './helpers.js';

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
    expect(frame).toContain("extra: x (not in the tool's schema)");
  });
});

describe('a yes typed for the previous card does not approve the next one', () => {
  it('ignores a yes just after the previous card was answered, takes a no at once, and a yes a moment later', async () => {
    let clock = 1_000_000;
    const spy = vi.spyOn(Date, 'now').mockImplementation(() => clock);
    try {
      const onAnswer = vi.fn();
      // The card before was answered at `clock`.
      const app = render(<ApprovalPrompt request={invite('a2', 'second@x.test')} onAnswer={onAnswer} ignoreYesUntil={clock + APPROVAL_SETTLE_MS} />);
      await tick(50);
      app.stdin.write('y');
      await tick(50);
      expect(onAnswer).not.toHaveBeenCalled();
      clock += APPROVAL_SETTLE_MS;
      app.stdin.write('y');
      await eventually(() => expect(onAnswer).toHaveBeenCalledWith(true));

      const declined = vi.fn();
      clock += 1;
      const second = render(<ApprovalPrompt request={invite('a3', 'third@x.test')} onAnswer={declined} ignoreYesUntil={clock + APPROVAL_SETTLE_MS} />);
      await tick(50);
      second.stdin.write('n');
      await eventually(() => expect(declined).toHaveBeenCalledWith(false));
    } finally {
      spy.mockRestore();
    }
  });
});

describe('a request without flattened fields (an older or hand-built session)', () => {
  it('still shows every argument, flattened from its args', () => {
    const legacy = { approvalId: 'a9', toolName: 'delete_contact', title: 'Delete contact', description: 'Deletes Dana.', args: { contact: { id: 'ct_1', tags: ['vip'] } }, reason: 'destructive' } as unknown as ApprovalRequest;
    const frame = screen(render(<ApprovalPrompt request={legacy} onAnswer={() => {}} />));
    expect(frame).toContain('contact.id: ct_1');
    expect(frame).toContain('contact.tags[0]: vip');
    expect(frame).toContain('Tool: delete_contact');
  });
});
