import { describe, expect, it } from 'vitest';
import { chatReducer } from '../../src/ui/state/chat-reducer.js';
import { initialChatState } from '../../src/ui/state/chat-state.js';

describe('chatReducer: a tool card from its end event alone', () => {
  it('draws the card with the title and arguments the end event carries, with no start seen (no lookup map)', () => {
    const state = chatReducer(initialChatState, {
      type: 'agent-event',
      event: { type: 'tool-call-end', turnId: 't1', callId: 'c9', toolName: 'create_service', title: 'Create service', argsSummary: 'name Yoga, 60 min', ok: true, summary: 'Created Yoga' },
    });
    expect(state.entries.at(-1)).toMatchObject({ kind: 'tool', toolName: 'create_service', title: 'Create service', argsSummary: 'name Yoga, 60 min', ok: true, summary: 'Created Yoga' });
  });
});
