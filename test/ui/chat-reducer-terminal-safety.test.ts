import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { chatReducer } from '../../src/ui/state/chat-reducer.js';
import { initialChatState, type ChatAction, type ChatState } from '../../src/ui/state/chat-state.js';

const EVIL = 'Evil\x1b[2J\x1b[31mRED\x1b]0;PWNED\x07 x';
/** Any C0 control but \t and \n, DEL, C1, or a bidi override: none may be left in state the screen draws from. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function fold(actions: ChatAction[], from: ChatState = initialChatState): ChatState {
  return actions.reduce(chatReducer, from);
}

const event = (agentEvent: AgentEvent): ChatAction => ({ type: 'agent-event', event: agentEvent });

describe('chatReducer: terminal-safe text', () => {
  it('cleans every string the screen draws from agent events, local entries and the input line', () => {
    const state = fold([
      event({ type: 'turn-start', turnId: 't1' }),
      event({ type: 'text-delta', turnId: 't1', text: `streaming ${EVIL}` }),
      event({ type: 'tool-call-start', turnId: 't1', callId: 'c1', toolName: 'list_services', title: `List ${EVIL}`, argsSummary: EVIL }),
      event({ type: 'tool-call-end', turnId: 't1', callId: 'c1', toolName: 'list_services', title: `List ${EVIL}`, argsSummary: EVIL, ok: true, summary: EVIL, data: { items: [{ [`name${EVIL}`]: EVIL }] } }),
      event({ type: 'approval-request', turnId: 't1', request: { approvalId: 'a1', toolName: 'x', title: EVIL, description: EVIL, args: { name: EVIL }, fields: [{ path: 'name', value: EVIL }], reaches: ['deletion'] } }),
      event({ type: 'error', turnId: 't1', error: { code: 'INTERNAL', message: EVIL, hint: EVIL } }),
      { type: 'local-entry', entry: { kind: 'command-output', title: '/doctor', lines: [`server: ${EVIL}`] } },
      { type: 'input-changed', value: `typed ${EVIL}` },
    ]);
    expect(JSON.stringify(state)).not.toMatch(/PWNED|\\u001b|\\u0007/);
    const strings: string[] = [];
    JSON.stringify(state, (key, value: unknown) => {
      strings.push(key);
      if (typeof value === 'string') strings.push(value);
      return value;
    });
    expect(strings.filter((text) => UNSAFE.test(text))).toEqual([]);
    expect(state.entries.find((entry) => entry.kind === 'tool')).toMatchObject({ title: 'List EvilRED x', summary: 'EvilRED x', data: { items: [{ 'nameEvilRED x': 'EvilRED x' }] } });
    expect(state.input.value).toBe('typed EvilRED x');
    expect(state.pendingApproval?.args).toEqual({ name: 'EvilRED x' });
  });

  it('never holds a control in the live text, even when a sequence is split across deltas', () => {
    const state = fold([
      event({ type: 'turn-start', turnId: 't1' }),
      event({ type: 'text-delta', turnId: 't1', text: 'Your \x1b[3' }),
      event({ type: 'text-delta', turnId: 't1', text: '1mservice\x1b]0;PW' }),
      event({ type: 'text-delta', turnId: 't1', text: 'NED\x07 is listed.' }),
    ]);
    expect(state.live?.text).not.toMatch(UNSAFE);
    expect(state.live?.text).toContain('service');
    const done = fold([event({ type: 'assistant-message', turnId: 't1', text: 'Your \x1b[31mservice\x1b]0;PWNED\x07 is listed.' })], state);
    expect(done.entries.at(-1)).toMatchObject({ kind: 'assistant', text: 'Your service is listed.' });
  });
});
