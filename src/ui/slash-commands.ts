/** `/help`, `/doctor`, ...: a pure parser and a dispatcher that only calls the session port. */
import type { AgentSessionPort, PendingSignup } from '../agent/events.js';
import { offlineToolLines } from '../agent/offline/offline-capabilities.js';
import { authLines, doctorLines, outboxLines, toolLines } from './format/command-lines.js';
import type { ChatAction } from './state/chat-state.js';
import { runConnectSlashCommand } from './connect-slash-command.js';

export type SlashCommand =
  | { name: 'help' }
  | { name: 'doctor' }
  | { name: 'tools'; filter?: string }
  | { name: 'outbox' }
  | { name: 'auth' }
  | { name: 'logout' }
  | { name: 'connect'; args: string[] }
  | { name: 'new' }
  | { name: 'quit' }
  | { name: 'unknown'; input: string };

/** `/outbox` shows this many messages: enough to see a re-sent code next to the expired one. */
const OUTBOX_LIMIT = 3;

/** Usage lines shown by `/help` and after an unknown command. */
export const SLASH_COMMAND_HELP: readonly string[] = [
  '/help            this list',
  '/doctor          check the FavCRM connection and the key',
  '/tools [filter]  list the CRM tools I can use',
  '/outbox          read the sandbox\'s local outbox (signup codes)',
  '/auth            where your key is stored (masked)',
  '/logout          forget the stored key',
  '/connect [app]    add FavCRM to Claude Code, Cursor, VS Code, Codex, Gemini CLI or Claude Desktop',
  '/new             start a new conversation',
  '/quit            leave (also Ctrl+D)',
];

const COMMAND_NAMES = '/help /doctor /tools /outbox /auth /logout /connect /new /quit';

/** Null when the text is a message for the assistant rather than a command. */
export function parseSlashCommand(text: string): SlashCommand | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('/')) return null;
  const [word = '', ...rest] = trimmed.slice(1).split(/\s+/);
  const argument = rest.join(' ').trim();
  switch (word.toLowerCase()) {
    case 'help':
    case '?':
      return { name: 'help' };
    case 'doctor':
      return { name: 'doctor' };
    case 'tools':
      return argument ? { name: 'tools', filter: argument } : { name: 'tools' };
    case 'outbox':
    case 'inbox':
    case 'mail':
      return { name: 'outbox' };
    case 'auth':
      return { name: 'auth' };
    case 'logout':
      return { name: 'logout' };
    case 'connect':
      return { name: 'connect', args: rest.filter((word) => word !== '') };
    case 'new':
    case 'reset':
      return { name: 'new' };
    case 'quit':
    case 'exit':
      return { name: 'quit' };
    default:
      return { name: 'unknown', input: trimmed };
  }
}

export interface SlashCommandContext {
  session: AgentSessionPort;
  dispatch: (action: ChatAction) => void;
  exit: () => void;
  /** The signup waiting for its code, which `/new` would drop. */
  pendingSignup?: PendingSignup | null;
  /** The endpoint is the local sandbox, whose accounts the real portal does not know. */
  sandbox?: boolean;
  /** How this person starts the app (`cliInvocation`), for the commands hints suggest. */
  command?: string;
  /** The offline model answers: `/tools` shows what it understands and points to a real model for the rest. */
  offlineModel?: boolean;
  /** True when the previous line was this same command, which asked to be typed again. */
  confirmed?: boolean;
  /** Asks for the command to be typed again before it runs (it cannot be undone). */
  requireConfirmation?: (name: SlashCommand['name']) => void;
}

/** Runs one command; failures become error lines with a next step, never exceptions. */
export async function runSlashCommand(command: SlashCommand, context: SlashCommandContext): Promise<void> {
  const { session, dispatch } = context;
  // Hints name commands this person can run: `npm start -- doctor` after `npm start` in a clone.
  const shell = context.command ?? 'favcrm-chat';
  const output = (title: string, lines: string[]) => dispatch({ type: 'local-entry', entry: { kind: 'command-output', title, lines } });
  switch (command.name) {
    case 'help':
      return output('Commands', [...SLASH_COMMAND_HELP]);
    case 'quit':
      return context.exit();
    case 'unknown':
      return dispatch({
        type: 'local-entry',
        entry: { kind: 'error', message: `Unknown command ${command.input.split(/\s+/)[0] ?? ''}.`, hint: `Try one of: ${COMMAND_NAMES}` },
      });
    case 'auth': {
      const auth = session.authStatus();
      dispatch({ type: 'agent-event', event: { type: 'auth-changed', auth } });
      return output('Auth', authLines(auth));
    }
    case 'doctor':
      return withActivity(dispatch, 'Checking the FavCRM connection…', `Is the endpoint URL right? Run ${shell} doctor for details.`, async () => {
        output('Doctor', doctorLines(await session.doctor(), shell));
      });
    case 'tools':
      return withActivity(dispatch, 'Listing tools…', 'Run /doctor to check the connection.', async () => {
        const tools = await session.listTools(command.filter);
        // The offline model lists what it understands, not tools it would then refuse.
        const lines = context.offlineModel ? offlineToolLines(tools, command.filter) : toolLines(tools, command.filter);
        output(command.filter ? `Tools matching "${command.filter}"` : context.offlineModel ? 'What the offline model can do' : 'Tools', lines);
      });
    case 'outbox':
      return withActivity(dispatch, 'Reading the outbox…', `Run ${shell} sandbox outbox in another terminal.`, async () => {
        const emails = await session.readOutbox(OUTBOX_LIMIT);
        if (emails === null) {
          dispatch({
            type: 'local-entry',
            entry: { kind: 'error', message: 'There is no local outbox: this FavCRM is not the embedded sandbox, so codes arrive by real email.', hint: 'Check the inbox of the address you signed up with.' },
          });
          return;
        }
        output('Sandbox outbox (newest first)', outboxLines(emails));
      });
    case 'logout': {
      const auth = session.authStatus();
      // FavCRM shows a key once: removing the only copy is worth one more keystroke.
      if (auth.status === 'signed-in' && auth.storage.kind !== 'environment' && !context.confirmed) {
        context.requireConfirmation?.('logout');
        return output('Sign out?', [
          `This removes the key ${auth.maskedKey} from ${auth.storage.location}.`,
          context.sandbox
            ? 'This is the local sandbox: its keys cannot be made again, so signing in again here means signing up with another email.'
            : 'FavCRM shows a key only once: to sign in again you create a new one in the portal (Settings → MCP Keys).',
          'Type /logout again to sign out, or anything else to keep the key.',
        ]);
      }
      if (auth.status === 'signed-out') return output('Auth', ['You are not signed in: there is no stored key to remove.']);
      return withActivity(dispatch, 'Signing out…', `Remove the key by hand: ${shell} auth logout.`, async () => {
        await session.logout();
        const auth = session.authStatus();
        dispatch({ type: 'agent-event', event: { type: 'auth-changed', auth } });
        output('Auth', auth.status === 'signed-out' ? ['Signed out. The stored key was removed.'] : [`Still signed in: the key comes from ${auth.storage.location}; remove it there.`]);
      });
    }
    case 'connect':
      return runConnectSlashCommand(command.args, context);
    case 'new':
      if (context.pendingSignup && !context.confirmed) {
        context.requireConfirmation?.('new');
        return output('Start over?', [
          `A signup is waiting for the code sent to ${context.pendingSignup.maskedEmail}; a new conversation drops it, and that code stops working here.`,
          'Type /new again to start over, or paste the code.',
        ]);
      }
      // Like a new chat: the old conversation leaves the screen too, before the session announces the new one.
      dispatch({ type: 'screen-cleared' });
      return withActivity(dispatch, 'Starting over…', `Quit and start ${shell.replace(/\s+--$/, '')} again.`, async () => {
        // The session announces the new conversation itself (a notice event).
        await session.reset();
      });
  }
}

async function withActivity(dispatch: (action: ChatAction) => void, label: string, hint: string, work: () => Promise<void>): Promise<void> {
  dispatch({ type: 'activity-started', label });
  try {
    await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    dispatch({ type: 'local-entry', entry: { kind: 'error', message, hint } });
  } finally {
    dispatch({ type: 'activity-finished' });
  }
}
