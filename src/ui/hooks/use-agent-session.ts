/** Connects the chat screen to the core: subscribes to events, starts the session, sends what people type. */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { maskLoneCode } from '../../agent/code-guard.js';
import type { AgentSessionPort } from '../../agent/events.js';
import { findNearMissCodes, findVerificationCode } from '../../agent/verification-code.js';
import { SessionSetupError } from '../../errors/session-setup-error.js';
import { cliInvocation } from '../../config/cli-invocation.js';
import { containsSecret } from '../format/mask-secrets.js';
import { parseSlashCommand } from '../../slash-commands/slash-command.js';
import { runChatSlashCommand } from './chat-slash-command.js';
import { chatReducer } from '../state/chat-reducer.js';
import { initialChatState, type ChatAction, type ChatState } from '../state/chat-state.js';
import { joinPastedLines } from '../state/pasted-lines.js';
import { errorMessage } from '../../errors/error-message.js';

/** How this process was started (`npm start --` in a clone), read once: the UI runs in the CLI's process. */
const APP_COMMAND = cliInvocation(process.env);

/**
 * A signup code is single-use and secret-ish: while one is awaited, no line holding it (however grouped, or a typo
 * of it) is kept in the up-arrow history; a line that is nothing but a code never is.
 */
function holdsCode(text: string, codeAwaited: boolean): boolean {
  if (maskLoneCode(text).code !== null) return true;
  return codeAwaited && (findVerificationCode(text) !== null || findNearMissCodes(text).length > 0);
}

interface ApprovalAnswer {
  approved: boolean;
  at: number;
}

/** How long after a one-key y/n the rest of the word ("es", "o") is still taken as part of it. */
const APPROVAL_WORD_MS = 3000;

/** "es" after a `y`, "o" after an `n`, sent within a few seconds: the end of the answer, not a message. */
function restOfApprovalWord(answer: ApprovalAnswer | null, text: string): boolean {
  if (!answer || Date.now() - answer.at > APPROVAL_WORD_MS) return false;
  return (answer.approved ? /^(?:es|yes)$/i : /^(?:o|no)$/i).test(text.trim());
}

export interface AgentSessionController {
  state: ChatState;
  dispatch: (action: ChatAction) => void;
  /** Enter in the input box: a slash command or a message for the assistant. */
  submit: (text: string) => void;
  answerApproval: (approvalId: string, approved: boolean) => void;
}

/** Owns the chat state for one session; `quit` is what `/quit` calls. */
export function useAgentSession(session: AgentSessionPort, quit: () => void, showKeyOnce?: (apiKey: string) => void): AgentSessionController {
  const [state, dispatch] = useReducer(chatReducer, initialChatState);
  // Read at failure time; a ref keeps the start effect from re-running (and starting twice) if `quit` changes.
  const quitRef = useRef(quit);
  quitRef.current = quit;

  useEffect(() => {
    const unsubscribe = session.subscribe((event) => dispatch({ type: 'agent-event', event }));
    session
      .start()
      .catch((error: unknown) => {
        // The session could not even be built (bad config, sandbox would not start): the CLI prints why after we quit.
        if (SessionSetupError.isInstance(error)) return quitRef.current();
        const message = errorMessage(error);
        dispatch({ type: 'local-entry', entry: { kind: 'error', message, hint: 'Run /doctor to check the endpoint, or /quit.' } });
      })
      .finally(() => dispatch({ type: 'activity-finished' }));
    return unsubscribe;
  }, [session]);

  // Before ready a pending signup may not be known yet: a lone 6-digit line is never remembered then either.
  const pendingSignup = state.pendingSignup !== null || !state.ready;
  const pendingCode = state.pendingSignup;
  const onSandbox = state.endpoint?.sandbox === true;
  const offlineModel = state.model?.offline === true;
  const awaitingConfirmation = useRef<string | null>(null);
  const lastApproval = useRef<ApprovalAnswer | null>(null);
  const submit = useCallback(
    (raw: string) => {
      const text = joinPastedLines(raw);
      if (text.trim() === '') return;
      if (restOfApprovalWord(lastApproval.current, text)) {
        // "no" typed at an ordinary pace: "n" answered the prompt, "o⏎" is not a new message.
        lastApproval.current = null;
        dispatch({ type: 'input-changed', value: '' });
        return;
      }
      const remember = !containsSecret(text) && !holdsCode(text, pendingSignup);
      dispatch({ type: 'input-submitted', text, remember });
      const command = parseSlashCommand(text);
      if (command) dispatch({ type: 'local-entry', entry: { kind: 'user', text: text.trim() } });
      // A command that asked to be typed again (/new dropping a signup, /logout) runs only if it comes next.
      const confirmed = command !== null && awaitingConfirmation.current === command.name;
      awaitingConfirmation.current = null;
      const context = {
        session,
        dispatch,
        exit: quit,
        pendingSignup: pendingCode,
        sandbox: onSandbox,
        offlineModel,
        command: APP_COMMAND,
        confirmed,
        requireConfirmation: (name: string) => (awaitingConfirmation.current = name),
        ...(showKeyOnce ? { showKeyOnce } : {}),
      };
      const work = command ? runChatSlashCommand(command, context) : session.send(text.trim());
      work
        .catch((error: unknown) => {
          const message = errorMessage(error);
          dispatch({ type: 'local-entry', entry: { kind: 'error', message, hint: 'Try again, or run /doctor.' } });
        })
        .finally(() => dispatch({ type: 'send-settled' }));
    },
    [session, quit, pendingSignup, pendingCode, onSandbox, showKeyOnce, offlineModel],
  );

  const answerApproval = useCallback(
    (approvalId: string, approved: boolean) => {
      const at = Date.now();
      lastApproval.current = { approved, at };
      dispatch({ type: 'approval-answered', approvalId, approved, at });
      session.answerApproval(approvalId, approved);
    },
    [session],
  );

  return { state, dispatch, submit, answerApproval };
}
