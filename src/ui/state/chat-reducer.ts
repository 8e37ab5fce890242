/**
 * Folds core events and UI actions into `ChatState`. Pure: no I/O, no clock, no Ink.
 * Text enters the screen only through here, so this is where it is made terminal-safe: every agent event as a
 * whole (tool data included, so tables draw clean cells), local entries and the input line. Components then trust
 * their props, the way they already trust that keys are masked.
 */
import type { AgentEvent, TranscriptEntry } from '../../agent/events.js';
import { maskDeep, maskSecrets } from '../format/mask-secrets.js';
import { terminalSafeDeep, terminalSafeText } from '../../text/terminal-safe-text.js';
import type { ChatAction, ChatEntry, ChatState, LiveTurn } from './chat-state.js';
import { recallNext, recallPrevious, rememberInput } from './input-history.js';
import { joinPastedLines } from './pasted-lines.js';

/** The single entry point for every state change on the chat screen. */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'agent-event':
      // Server results, model text and echoed input all arrive here; a streamed delta is cleaned on its own (see
      // the text-delta case).
      return applyAgentEvent(state, terminalSafeDeep(action.event));
    case 'input-changed':
      return { ...state, input: { ...state.input, value: terminalSafeText(joinPastedLines(action.value)) } };
    case 'input-submitted':
      return { ...state, busy: true, sending: true, quitHint: null, input: rememberInput(state.input, terminalSafeText(action.text), action.remember) };
    case 'send-settled':
      return { ...endLiveTurn(state, 'done'), busy: false, sending: false };
    case 'history-previous':
      return { ...state, input: recallPrevious(state.input) };
    case 'history-next':
      return { ...state, input: recallNext(state.input) };
    case 'approval-answered':
      return state.pendingApproval?.approvalId === action.approvalId
        ? { ...showNextApproval(state), answeredApproval: state.pendingApproval, lastApprovalAnsweredAt: action.at ?? state.lastApprovalAnsweredAt }
        : state;
    case 'local-entry':
      // Slash-command output carries server text too (doctor report, tool titles, outbox subjects).
      return addEntry(state, terminalSafeDeep(action.entry));
    case 'screen-cleared': {
      const cleared: ChatState = { ...state, entries: [], live: null, screenClears: state.screenClears + 1 };
      if (!state.endpoint || !state.model) return cleared;
      return addEntry(cleared, { kind: 'header', endpoint: state.endpoint, model: state.model, auth: state.auth, approvalsSkipped: state.approvalsSkipped });
    }
    case 'activity-started':
      return { ...state, busy: true, quitHint: null, activity: action.label };
    case 'activity-finished':
      // A message typed while connecting may still be on its way; its own settling reopens the input.
      return { ...state, busy: state.sending, activity: null };
    case 'quit-hint':
      return { ...state, quitHint: action.text };
  }
}

/**
 * The new auth state, in the footer and in the header entry too: a resize or `/new` reprints the transcript, and a
 * header still saying "signed out" above a signed-in footer read as a contradiction.
 */
function withAuth(state: ChatState, auth: ChatState['auth']): ChatState {
  const entries = state.entries.map((entry) => (entry.kind === 'header' ? { ...entry, auth } : entry));
  return { ...state, auth, entries };
}

const RESUMED_NOTICE: ChatEntry = { kind: 'notice', level: 'info', text: 'Above: your saved conversation, resumed. Type /new to start fresh.' };

function applyAgentEvent(state: ChatState, event: AgentEvent): ChatState {
  switch (event.type) {
    case 'session-ready': {
      const ready: ChatState = {
        ...state,
        ready: true,
        endpoint: event.endpoint,
        model: event.model,
        auth: maskDeep(event.auth),
        pendingSignup: event.pendingSignup,
        approvalsSkipped: event.approvalsSkipped,
      };
      const header: ChatEntry = {
        kind: 'header',
        endpoint: event.endpoint,
        model: event.model,
        auth: event.auth,
        approvalsSkipped: event.approvalsSkipped,
      };
      // On the first ready, the header goes above anything said while connecting (the UI holds those until now).
      const earlier = state.ready ? [] : state.entries;
      const base = state.ready ? ready : { ...ready, entries: [] };
      const restored = event.history.reduce((next, entry) => addEntry(next, fromTranscript(entry)), addEntry(base, header));
      // A restored conversation reads like the present one: say where it ends and how to leave it.
      const withHistory = event.history.length > 0 && !state.ready ? addEntry(restored, RESUMED_NOTICE) : restored;
      return { ...withHistory, entries: [...withHistory.entries, ...earlier] };
    }
    case 'user-message':
      return addEntry(state, { kind: 'user', text: event.text });
    case 'turn-start':
      return { ...state, busy: true, lastError: null, live: { turnId: event.turnId, text: '', runningTools: [] } };
    case 'text-delta': {
      // Each delta was cleaned on arrival, so no control ever reaches the screen. A sequence split across two deltas
      // leaves harmless printable residue ("31m") until the closing assistant-message, cleaned whole, replaces it.
      const live = state.live ?? emptyLiveTurn(event.turnId);
      return { ...state, live: { ...live, text: live.text + event.text } };
    }
    case 'assistant-message': {
      const live = state.live ? { ...state.live, text: '' } : null;
      return addEntry({ ...state, live }, { kind: 'assistant', text: event.text });
    }
    case 'tool-call-start': {
      const flushed = flushLiveText(state);
      const live = flushed.live ?? emptyLiveTurn(event.turnId);
      const running = maskDeep({ callId: event.callId, toolName: event.toolName, title: event.title, argsSummary: event.argsSummary });
      return { ...flushed, live: { ...live, runningTools: [...live.runningTools, running] } };
    }
    case 'tool-call-end': {
      // The event carries the whole card: no lookup of its start (which another window may never have seen).
      const live = state.live
        ? { ...state.live, runningTools: state.live.runningTools.filter((tool) => tool.callId !== event.callId) }
        : null;
      return addEntry(
        { ...state, live },
        {
          kind: 'tool',
          toolName: event.toolName,
          title: event.title,
          argsSummary: event.argsSummary,
          ok: event.ok,
          summary: event.summary,
          ...(event.errorCode !== undefined ? { errorCode: event.errorCode } : {}),
          ...(event.data !== undefined ? { data: event.data } : {}),
        },
      );
    }
    case 'approval-request': {
      // One question at a time: a second request waits its turn instead of replacing the one on screen.
      const request = maskDeep(event.request);
      if (state.pendingApproval === null) return { ...state, pendingApproval: request };
      return { ...state, queuedApprovals: [...state.queuedApprovals, request] };
    }
    case 'approval-resolved': {
      const request = [state.pendingApproval, state.answeredApproval, ...state.queuedApprovals].find((item) => item?.approvalId === event.approvalId);
      const title = request ? `${request.title}: ` : '';
      const text = event.approved ? `${title}approved.` : `${title}declined, nothing was changed.`;
      const shownNext = request && request === state.pendingApproval ? showNextApproval(state) : state;
      const cleared = {
        ...shownNext,
        queuedApprovals: shownNext.queuedApprovals.filter((item) => item.approvalId !== event.approvalId),
        answeredApproval: state.answeredApproval?.approvalId === event.approvalId ? null : state.answeredApproval,
      };
      return addEntry(cleared, { kind: 'notice', text: capitalise(text) });
    }
    case 'signup-pending':
      return { ...state, pendingSignup: event.pending };
    case 'signup-cleared':
      return { ...state, pendingSignup: null };
    case 'signup-completed':
      return addEntry(
        withAuth({ ...state, pendingSignup: null }, { status: 'signed-in', maskedKey: maskSecrets(event.result.maskedKey), storage: event.result.storage }),
        { kind: 'signup-success', result: event.result },
      );
    case 'outbox-notice':
      return addEntry(state, { kind: 'outbox', to: event.to, directory: event.directory, command: event.command });
    case 'auth-changed':
      return withAuth(state, maskDeep(event.auth));
    case 'notice':
      return addEntry(state, { kind: 'notice', text: event.text, level: event.level });
    case 'error': {
      const { message, hint } = maskDeep(event.error);
      return addEntry({ ...state, lastError: maskDeep(event.error) }, { kind: 'error', message, ...(hint ? { hint } : {}) });
    }
    case 'usage':
      return { ...state, lastUsage: { inputTokens: event.inputTokens, outputTokens: event.outputTokens, durationMs: event.durationMs } };
    case 'turn-end': {
      const ended = endLiveTurn(state, event.reason);
      const next = { ...ended, busy: false, pendingApproval: null, queuedApprovals: [] };
      // The session already said what the cancel did not stop ("Cancelled, but FavCRM had already done …").
      const said = next.entries.at(-1);
      const explained = said?.kind === 'notice' && /^(?:Cancelled, but|The code had already gone)/.test(said.text);
      return event.reason === 'cancelled' && !explained ? addEntry(next, { kind: 'notice', text: 'Cancelled.' }) : next;
    }
  }
}

/** The on-screen approval is done with: the next queued one (if any) takes its place. */
function showNextApproval(state: ChatState): ChatState {
  const [next = null, ...rest] = state.queuedApprovals;
  return { ...state, pendingApproval: next, queuedApprovals: rest };
}

function emptyLiveTurn(turnId: string): LiveTurn {
  return { turnId, text: '', runningTools: [] };
}

/** Text streamed without a closing `assistant-message` still belongs in the transcript. */
function flushLiveText(state: ChatState): ChatState {
  if (!state.live || state.live.text.trim() === '') return state;
  return addEntry({ ...state, live: { ...state.live, text: '' } }, { kind: 'assistant', text: state.live.text });
}

/** Closes the live turn: leftover text is kept, tool calls still running are shown as stopped. */
function endLiveTurn(state: ChatState, reason: 'done' | 'cancelled' | 'error'): ChatState {
  const flushed = flushLiveText(state);
  const running = flushed.live?.runningTools ?? [];
  const summary = reason === 'cancelled' ? 'cancelled' : 'stopped before it finished';
  const withTools = running.reduce(
    (next, tool) => addEntry(next, { kind: 'tool', toolName: tool.toolName, title: tool.title, argsSummary: tool.argsSummary, ok: false, summary }),
    flushed,
  );
  return { ...withTools, live: null };
}

/** Every printed entry passes the mask here, so state never holds a full key. */
function addEntry(state: ChatState, entry: ChatEntry): ChatState {
  return { ...state, entries: [...state.entries, { ...maskDeep(entry), id: state.nextEntryId }], nextEntryId: state.nextEntryId + 1 };
}

function fromTranscript(entry: TranscriptEntry): ChatEntry {
  if (entry.kind !== 'tool') return entry;
  // The saved rows feed the same table the live card had.
  const { table, ...card } = entry;
  return table === undefined ? card : { ...card, data: table };
}

/** A multi-line paste becomes one line (lines joined by spaces); Enter still sends, so nothing goes out by surprise. */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
