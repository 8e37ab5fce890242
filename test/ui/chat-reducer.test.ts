import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { chatReducer } from '../../src/ui/state/chat-reducer.js';
import { CONNECTING, initialChatState, type ChatAction, type ChatState } from '../../src/ui/state/chat-state.js';

const FULL_KEY = 'fav_mcp_AbCdEfGhIjKlMnOpQrStUv1234';

function fold(actions: (ChatAction | AgentEvent)[], from: ChatState = initialChatState): ChatState {
  return actions.reduce<ChatState>(
    (state, action) => chatReducer(state, isUiAction(action) ? (action as ChatAction) : { type: 'agent-event', event: action as AgentEvent }),
    from,
  );
}

/** UI action types never collide with core event types, so a test can mix both. */
const UI_ACTIONS = new Set(['agent-event', 'input-changed', 'input-submitted', 'send-settled', 'history-previous', 'history-next', 'approval-answered', 'local-entry', 'activity-started', 'activity-finished', 'quit-hint', 'screen-cleared']);
function isUiAction(action: ChatAction | AgentEvent): boolean {
  return UI_ACTIONS.has(action.type);
}

const ready: AgentEvent = {
  type: 'session-ready',
  endpoint: { url: 'http://localhost:1/mcp', sandbox: true },
  model: { label: 'offline', offline: true },
  auth: { status: 'signed-out' },
  pendingSignup: null,
  history: [{ kind: 'user', text: 'earlier' }, { kind: 'assistant', text: 'reply' }],
  approvalsSkipped: false,
};

describe('chatReducer', () => {
  it('starts connecting with the input open, and session-ready prints the header then the restored history', () => {
    expect(initialChatState.busy).toBe(false);
    expect(initialChatState.activity).toBe(CONNECTING);
    const state = fold([ready, { type: 'activity-finished' }]);
    expect(state.ready).toBe(true);
    expect(state.busy).toBe(false);
    expect(state.entries.map((entry) => entry.kind)).toEqual(['header', 'user', 'assistant', 'notice']);
    expect(state.entries.at(-1)).toMatchObject({ text: expect.stringMatching(/saved conversation, resumed.*\/new/) });
    expect(state.entries.map((entry) => entry.id)).toEqual([0, 1, 2, 3]);
    // Nothing to resume, nothing to say.
    const fresh = fold([{ ...ready, history: [] } as AgentEvent]);
    expect(fresh.entries.map((entry) => entry.kind)).toEqual(['header']);
    expect(state.endpoint?.sandbox).toBe(true);
  });

  it('/new clears the screen down to the header, keeping entry ids unique', () => {
    const before = fold([ready, { type: 'activity-finished' }]);
    const cleared = fold([{ type: 'screen-cleared' }], before);
    expect(cleared.screenClears).toBe(1);
    expect(cleared.entries.map((entry) => entry.kind)).toEqual(['header']);
    expect(cleared.entries[0]?.id).toBeGreaterThan(Math.max(...before.entries.map((entry) => entry.id)));
  });

  it('keeps the input hidden for a message typed while connecting until that message settles', () => {
    const queued = fold([{ type: 'input-submitted', text: 'hello', remember: true }]);
    expect(queued.busy).toBe(true);
    const connected = fold([ready, { type: 'activity-finished' }], queued);
    expect(connected.activity).toBeNull();
    expect(connected.busy).toBe(true);
    expect(fold([{ type: 'send-settled' }], connected).busy).toBe(false);
  });

  it('puts the header above an error that came while connecting', () => {
    const state = fold([{ type: 'error', error: { code: 'SERVER_UNREACHABLE', message: 'down' } }, ready]);
    expect(state.entries.map((entry) => entry.kind)).toEqual(['header', 'user', 'assistant', 'notice', 'error']);
    expect(new Set(state.entries.map((entry) => entry.id)).size).toBe(5);
  });

  it('streams text into the live turn and moves it to the transcript on assistant-message', () => {
    const streaming = fold([ready, { type: 'turn-start', turnId: 't1' }, { type: 'text-delta', turnId: 't1', text: 'Hel' }, { type: 'text-delta', turnId: 't1', text: 'lo' }]);
    expect(streaming.live?.text).toBe('Hello');
    expect(streaming.busy).toBe(true);
    const finished = fold([{ type: 'assistant-message', turnId: 't1', text: 'Hello' }], streaming);
    expect(finished.live?.text).toBe('');
    expect(finished.entries.at(-1)).toMatchObject({ kind: 'assistant', text: 'Hello' });
  });

  it('keeps running tool calls live and prints them with their data when they end', () => {
    const running = fold([
      { type: 'turn-start', turnId: 't1' },
      { type: 'tool-call-start', turnId: 't1', callId: 'c1', toolName: 'list_contacts', title: 'List contacts', argsSummary: 'limit 5' },
    ]);
    expect(running.live?.runningTools).toEqual([{ callId: 'c1', toolName: 'list_contacts', title: 'List contacts', argsSummary: 'limit 5' }]);
    const ended = fold([{ type: 'tool-call-end', turnId: 't1', callId: 'c1', toolName: 'list_contacts', title: 'List contacts', argsSummary: 'limit 5', ok: true, summary: '2 contacts', data: { items: [] } }], running);
    expect(ended.live?.runningTools).toEqual([]);
    expect(ended.entries.at(-1)).toEqual({ id: 0, kind: 'tool', toolName: 'list_contacts', title: 'List contacts', argsSummary: 'limit 5', ok: true, summary: '2 contacts', data: { items: [] } });
  });

  it('flushes streamed text before a tool call that arrives without an assistant-message', () => {
    const state = fold([
      { type: 'turn-start', turnId: 't1' },
      { type: 'text-delta', turnId: 't1', text: 'Let me look.' },
      { type: 'tool-call-start', turnId: 't1', callId: 'c1', toolName: 'x', title: 'X', argsSummary: '' },
    ]);
    expect(state.entries.map((entry) => entry.kind)).toEqual(['assistant']);
    expect(state.live?.text).toBe('');
  });

  it('on a cancelled turn keeps partial text, marks running tools cancelled, says Cancelled and frees the input', () => {
    const state = fold([
      { type: 'turn-start', turnId: 't1' },
      { type: 'tool-call-start', turnId: 't1', callId: 'c1', toolName: 'x', title: 'Import', argsSummary: '' },
      { type: 'text-delta', turnId: 't1', text: 'half a sen' },
      { type: 'turn-end', turnId: 't1', reason: 'cancelled' },
    ]);
    expect(state.live).toBeNull();
    expect(state.busy).toBe(false);
    expect(state.entries.map((entry) => entry.kind)).toEqual(['assistant', 'tool', 'notice']);
    expect(state.entries[1]).toMatchObject({ ok: false, summary: 'cancelled' });
    expect(state.entries[2]).toMatchObject({ text: 'Cancelled.' });
  });

  it('tracks approvals: request, answered here, resolved by the core', () => {
    const request = { approvalId: 'a1', toolName: 'delete_contact', title: 'Delete contact', description: 'Deletes Dana.', args: { id: 'ct_1' }, fields: [{ path: 'id', value: 'ct_1' }], reaches: ['deletion' as const] };
    const asked = fold([{ type: 'approval-request', turnId: 't1', request }]);
    expect(asked.pendingApproval?.approvalId).toBe('a1');
    const answered = fold([{ type: 'approval-answered', approvalId: 'a1', approved: false }], asked);
    expect(answered.pendingApproval).toBeNull();
    const resolved = fold([{ type: 'approval-resolved', turnId: 't1', approvalId: 'a1', approved: false }], answered);
    expect(resolved.entries.at(-1)).toMatchObject({ kind: 'notice', text: 'Delete contact: declined, nothing was changed.' });
    expect(resolved.answeredApproval).toBeNull();
    // An answer for another approval id changes nothing.
    expect(fold([{ type: 'approval-answered', approvalId: 'other', approved: true }], asked)).toBe(asked);
  });

  it('follows the signup: pending, cleared, completed (which also signs in)', () => {
    const pending = { requestId: 'r1', maskedEmail: 'yo*@example.com', expiresAt: '2030-01-01T00:00:00Z' };
    const waiting = fold([{ type: 'signup-pending', pending }]);
    expect(waiting.pendingSignup).toEqual(pending);
    expect(fold([{ type: 'signup-cleared' }], waiting).pendingSignup).toBeNull();
    const done = fold([{ type: 'signup-completed', result: { maskedKey: 'fav_mcp_...abcd', storage: { kind: 'keyring', location: 'OS keyring' }, nextSteps: [] } }], waiting);
    expect(done.pendingSignup).toBeNull();
    expect(done.auth).toEqual({ status: 'signed-in', maskedKey: 'fav_mcp_...abcd', storage: { kind: 'keyring', location: 'OS keyring' } });
    expect(done.entries.at(-1)?.kind).toBe('signup-success');
    // The header printed at start is reprinted by a resize: it must not still say "signed out".
    const signedIn = fold([ready, { type: 'signup-completed', result: { maskedKey: 'fav_mcp_...abcd', storage: { kind: 'keyring', location: 'OS keyring' }, nextSteps: [] } }]);
    expect(signedIn.entries[0]).toMatchObject({ kind: 'header', auth: { status: 'signed-in', maskedKey: 'fav_mcp_...abcd' } });
    const signedOut = fold([{ type: 'auth-changed', auth: { status: 'signed-out' } }], signedIn);
    expect(signedOut.entries[0]).toMatchObject({ kind: 'header', auth: { status: 'signed-out' } });
  });

  it('prints errors with their hint and remembers the last one; usage is kept for the footer', () => {
    const state = fold([
      { type: 'error', error: { code: 'SERVER_UNREACHABLE', message: 'Cannot reach FavCRM.', hint: 'Check the URL.' } },
      { type: 'usage', turnId: 't1', inputTokens: 1200, outputTokens: 80, durationMs: 2300 },
    ]);
    expect(state.entries.at(-1)).toEqual({ id: 0, kind: 'error', message: 'Cannot reach FavCRM.', hint: 'Check the URL.' });
    expect(state.lastError?.code).toBe('SERVER_UNREACHABLE');
    expect(state.lastUsage).toEqual({ inputTokens: 1200, outputTokens: 80, durationMs: 2300 });
  });

  it('masks a full key in every printed entry, in approvals, in auth and in tool data', () => {
    const state = fold([
      { type: 'assistant-message', turnId: 't1', text: `your key is ${FULL_KEY}` },
      { type: 'tool-call-start', turnId: 't1', callId: 'r', toolName: 'x', title: FULL_KEY, argsSummary: FULL_KEY },
      { type: 'tool-call-end', turnId: 't1', callId: 'c', toolName: 'x', title: FULL_KEY, argsSummary: FULL_KEY, ok: true, summary: FULL_KEY, data: { items: [{ key: FULL_KEY }] } },
      { type: 'approval-request', turnId: 't1', request: { approvalId: 'a', toolName: 'x', title: 'X', description: FULL_KEY, args: { key: FULL_KEY }, fields: [{ path: 'key', value: FULL_KEY }], reaches: ['people'] } },
      { type: 'auth-changed', auth: { status: 'signed-in', maskedKey: FULL_KEY, storage: { kind: 'environment', location: 'FAVCRM_API_KEY' } } },
      { type: 'local-entry', entry: { kind: 'command-output', title: 'x', lines: [FULL_KEY] } },
    ]);
    expect(JSON.stringify(state)).not.toContain(FULL_KEY);
    expect(JSON.stringify(state)).toContain('fav_mcp_...1234');
  });

  it('sending records history (but not codes), and settling frees the input', () => {
    const typed = fold([{ type: 'input-changed', value: 'hello' }]);
    const sent = fold([{ type: 'input-submitted', text: 'hello', remember: true }], typed);
    expect(sent.busy).toBe(true);
    expect(sent.input).toEqual({ value: '', history: ['hello'], historyIndex: null, draft: '', sent: 1 });
    const code = fold([{ type: 'input-submitted', text: '123456', remember: false }], sent);
    expect(code.input.history).toEqual(['hello']);
    expect(fold([{ type: 'send-settled' }], code).busy).toBe(false);
  });

  it('browses history with up/down and restores the draft', () => {
    const base = fold([
      { type: 'input-submitted', text: 'first', remember: true },
      { type: 'input-submitted', text: 'second', remember: true },
      { type: 'input-submitted', text: 'second', remember: true },
      { type: 'input-changed', value: 'draft' },
    ]);
    expect(base.input.history).toEqual(['first', 'second']);
    const up1 = fold([{ type: 'history-previous' }], base);
    expect(up1.input.value).toBe('second');
    const up2 = fold([{ type: 'history-previous' }, { type: 'history-previous' }], up1);
    expect(up2.input.value).toBe('first');
    const down = fold([{ type: 'history-next' }], up2);
    expect(down.input.value).toBe('second');
    const back = fold([{ type: 'history-next' }], down);
    expect(back.input).toMatchObject({ value: 'draft', historyIndex: null });
    expect(fold([{ type: 'history-next' }], back)).toEqual(back);
  });

  it('joins a multi-line paste into one line', () => {
    const state = fold([{ type: 'input-changed', value: 'line one\r\n  line two\n\nline three\n' }]);
    expect(state.input.value).toBe('line one line two line three ');
  });

  it('shows and clears the quit hint', () => {
    const hinted = fold([{ type: 'quit-hint', text: 'Press Ctrl+C again to quit.' }]);
    expect(hinted.quitHint).toBe('Press Ctrl+C again to quit.');
    expect(fold([{ type: 'quit-hint', text: null }], hinted).quitHint).toBeNull();
  });
});
