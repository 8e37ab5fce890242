import { Box, Text, useApp } from 'ink';
import Spinner from 'ink-spinner';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentSessionPort } from '../agent/events.js';
import { ApprovalPrompt } from './components/approval-prompt.js';
import { Footer } from './components/footer.js';
import { InputBox } from './components/input-box.js';
import { Transcript } from './components/transcript.js';
import { APPROVAL_SETTLE_MS } from './hooks/use-approval-keys.js';
import { useAgentSession } from './hooks/use-agent-session.js';
import { useInputHistory } from './hooks/use-input-history.js';
import { useQuitKeys } from './hooks/use-quit-keys.js';
import { useStaticRefresh } from './hooks/use-static-refresh.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { CONNECTING, type KeyedEntry } from './state/chat-state.js';
import { inputPlaceholder } from './state/input-placeholder.js';

const NOTHING_YET: KeyedEntry[] = [];

export interface AppProps {
  session: AgentSessionPort;
  /** Called once when the person quits; 1 when the session never became ready. */
  onExit?: (exitCode: number) => void;
}

/** The chat screen: transcript, live turn, approval or input, footer. Starts the session on mount. */
export function App({ session, onExit }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const readyRef = useRef(false);
  const exitedRef = useRef(false);
  /**
   * Set on quit: one more frame is drawn without the input box, hints and prompts, then Ink exits. Its last frame
   * stays in the terminal, and "Press Ctrl+C again to quit." or an approval box left there read as still waiting.
   */
  const [quitting, setQuitting] = useState(false);
  const quit = useCallback(() => {
    if (exitedRef.current) return;
    exitedRef.current = true;
    onExit?.(readyRef.current ? 0 : 1);
    setQuitting(true);
  }, [onExit]);
  useEffect(() => {
    if (quitting) exit();
  }, [quitting, exit]);
  // `/reveal-key`: an unsaved key on screen until the next line is sent; never in the chat state or the transcript.
  const [revealedKey, setRevealedKey] = useState<string | null>(null);
  const { state, dispatch, submit: submitLine, answerApproval } = useAgentSession(session, quit, setRevealedKey);
  const submit = useCallback(
    (text: string) => {
      setRevealedKey(null);
      submitLine(text);
    },
    [submitLine],
  );
  const generation = useStaticRefresh(columns, state.screenClears);
  useEffect(() => {
    readyRef.current = state.ready;
  }, [state.ready]);
  const cancel = useCallback(() => session.cancel(), [session]);
  useQuitKeys({ cancel, quit, dispatch });
  const approval = state.pendingApproval;
  // Lines from before session-ready are held back so the header prints first (Static cannot reorder printed lines).
  const entries = state.ready || state.activity !== CONNECTING ? state.entries : NOTHING_YET;
  const inputShown = !state.busy && approval === null;
  useInputHistory(dispatch, inputShown);

  if (quitting) {
    // The revealed key is not drawn in the last frame, which stays on the terminal.
    return (
      <Box flexDirection="column">
        <Transcript entries={entries} live={null} columns={columns} rows={rows} generation={generation} />
      </Box>
    );
  }

  return (
    <Box flexDirection="column">
      <Transcript entries={entries} live={state.live} columns={columns} rows={rows} generation={generation} />
      {approval ? (
        <ApprovalPrompt key={approval.approvalId} request={approval} columns={columns} waiting={state.queuedApprovals.length} ignoreYesUntil={(state.lastApprovalAnsweredAt ?? 0) + APPROVAL_SETTLE_MS} onAnswer={(approved) => answerApproval(approval.approvalId, approved)} />
      ) : null}
      {revealedKey ? (
        <Box borderStyle="round" paddingX={1}>
          <Text>Your FavCRM key (not saved anywhere; copy it now): {revealedKey}</Text>
        </Box>
      ) : null}
      {state.activity ? (
        <Text color="cyan">
          <Spinner type="dots" /> {state.activity}
        </Text>
      ) : null}
      {state.busy && !state.activity && !approval && !state.live?.runningTools.length ? (
        <Text dimColor>
          <Spinner type="dots" /> thinking…
        </Text>
      ) : null}
      {inputShown ? (
        <InputBox
          value={state.input.value}
          placeholder={inputPlaceholder(state)}
          recallKey={`${state.input.sent}:${state.input.historyIndex ?? 'draft'}`}
          onChange={(value) => dispatch({ type: 'input-changed', value })}
          columns={columns}
          onSubmit={submit}
        />
      ) : null}
      {state.quitHint ? <Text color="yellow">{state.quitHint}</Text> : null}
      {/* Auth is unknown until the session is ready: no "signed out" flash for someone with a saved key. */}
      <Footer model={state.model} usage={state.lastUsage} {...(state.ready ? { auth: state.auth } : {})} sandbox={state.endpoint?.sandbox ?? false} />
    </Box>
  );
}
