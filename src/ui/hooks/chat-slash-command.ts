/** The chat's side of a slash command: the shared command (src/slash-commands/) drawn as transcript entries. */
import type { AgentSessionPort, PendingSignup } from '../../agent/events.js';
import { runSlashCommand, slashActivity, slashConfirmation, type SlashOutcome } from '../../slash-commands/run-slash-command.js';
import type { SlashCommand } from '../../slash-commands/slash-command.js';
import type { ChatAction } from '../state/chat-state.js';

export interface ChatSlashCommandContext {
  session: AgentSessionPort;
  dispatch: (action: ChatAction) => void;
  exit: () => void;
  /** The signup waiting for its code, which `/new` would drop. */
  pendingSignup?: PendingSignup | null;
  /** The endpoint is the local sandbox, whose accounts the real portal does not know. */
  sandbox?: boolean;
  /** True when the previous line was this same command, which asked to be typed again. */
  confirmed?: boolean;
  /** Asks for the command to be typed again before it runs (it cannot be undone). */
  requireConfirmation?: (name: SlashCommand['name']) => void;
  /** The offline model answers: `/tools` shows what it understands. */
  offlineModel?: boolean;
  /** How this person starts the app, for the commands hints name. */
  command?: string;
  /** `/reveal-key`: shows the key on this screen until the next line is sent, outside the transcript. */
  showKeyOnce?: (apiKey: string) => void;
}

/** Runs one command: its question first if it asks one, an activity while it waits, then its outcome. */
export async function runChatSlashCommand(command: SlashCommand, context: ChatSlashCommandContext): Promise<void> {
  const { session, dispatch } = context;
  const situation = {
    confirmed: context.confirmed === true,
    interactive: true,
    pendingSignup: context.pendingSignup ?? null,
    sandbox: context.sandbox === true,
    offlineModel: context.offlineModel === true,
    ...(context.command ? { command: context.command } : {}),
    ...(context.showKeyOnce ? { showKeyOnce: context.showKeyOnce } : {}),
  };
  const question = slashConfirmation(command, session, situation);
  if (question) return show(command, question, context);
  // Like a new chat: the old conversation leaves the screen too, before the session announces the new one.
  if (command.name === 'new') dispatch({ type: 'screen-cleared' });
  const activity = slashActivity(command, context.command);
  if (activity) dispatch({ type: 'activity-started', label: activity.label });
  try {
    show(command, await runSlashCommand(command, session, situation), context);
  } finally {
    if (activity) dispatch({ type: 'activity-finished' });
  }
}

function show(command: SlashCommand, outcome: SlashOutcome, context: ChatSlashCommandContext): void {
  const { dispatch } = context;
  // It runs only if typed again next (it cannot be undone, or writes a key into a file).
  if (outcome.kind === 'confirm') context.requireConfirmation?.(command.name);
  switch (outcome.kind) {
    case 'quit':
      return context.exit();
    case 'error':
      return dispatch({ type: 'local-entry', entry: { kind: 'error', message: outcome.message, hint: outcome.hint } });
    case 'announced':
      // The session's own notice is already in the transcript.
      return;
    case 'output':
    case 'confirm':
      if (outcome.kind === 'output' && outcome.auth) dispatch({ type: 'agent-event', event: { type: 'auth-changed', auth: outcome.auth } });
      return dispatch({ type: 'local-entry', entry: { kind: 'command-output', title: outcome.title, lines: outcome.lines } });
  }
}
