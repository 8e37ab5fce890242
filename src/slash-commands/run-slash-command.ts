import type { AgentSessionPort, AuthState, PendingSignup } from '../agent/events.js';
import { offlineToolLines } from '../agent/offline/offline-capabilities.js';
import { errorMessage } from '../errors/error-message.js';
import { authLines, doctorLines, outboxLines, toolLines } from './command-lines.js';
import { connectCommandOutput } from './connect-slash-command.js';
import { SLASH_COMMAND_HELP, SLASH_COMMAND_NAMES, type SlashCommand } from './slash-command.js';

/** `/outbox` shows this many messages: enough to see a re-sent code next to the expired one. */
const OUTBOX_LIMIT = 3;

/**
 * What a slash command came to; the chat draws it as transcript entries, headless prints it.
 * - `output`: a titled block of lines (`auth` set when the command changed or read the sign-in state);
 * - `error`: what went wrong and the next step;
 * - `confirm`: the command cannot be undone and runs only when typed again right away;
 * - `announced`: done, and the session said so itself (a notice event); shown where notices are not;
 * - `quit`: leave.
 */
export type SlashOutcome =
  | { kind: 'output'; title: string; lines: string[]; auth?: AuthState }
  | { kind: 'error'; message: string; hint: string }
  | { kind: 'confirm'; title: string; lines: string[] }
  | { kind: 'announced'; title: string; lines: string[] }
  | { kind: 'quit' };

/** What the command may depend on beyond the session. */
export interface SlashSituation {
  /**
   * True when the previous line was this same command, which asked to be typed again. Headless confirms /logout
   * and /new (a script has no one to ask) but not a key written into a file (/connect), which takes the CLI's --yes.
   */
  confirmed: boolean;
  /** Someone can answer a question by typing the command again (the chat); headless is told the CLI flag instead. */
  interactive: boolean;
  /** The signup waiting for its code, which `/new` would drop. */
  pendingSignup: PendingSignup | null;
  /** The endpoint is the local sandbox, whose accounts the real portal does not know. */
  sandbox: boolean;
  /** The offline model answers: `/tools` shows what it understands and points to a real model for the rest. */
  offlineModel?: boolean;
  /** How this person starts the app (`cliInvocation`: `npm start --` in a clone), for the commands hints name. */
  command?: string;
  /**
   * `/reveal-key`: puts an unsaved key in front of the person only (the chat: on screen until the next line, outside
   * the transcript; headless: stderr when it is a terminal). Absent where nothing safe can show it.
   */
  showKeyOnce?: (apiKey: string) => void;
}

/** The chat shows this while the command waits on the session, and `hint` if it fails. */
export interface SlashActivity {
  label: string;
  hint: string;
}

/** Commands that wait on the session; the others answer at once. */
/** `{cli}` is how this person runs the app ("npm start --"), `{start}` how they start the chat ("npm start"). */
const SLASH_ACTIVITIES: Readonly<Partial<Record<SlashCommand['name'], SlashActivity>>> = {
  doctor: { label: 'Checking the FavCRM connection…', hint: 'Is the endpoint URL right? Run {cli} doctor for details.' },
  tools: { label: 'Listing tools…', hint: 'Run /doctor to check the connection.' },
  outbox: { label: 'Reading the outbox…', hint: 'Run {cli} sandbox outbox in another terminal.' },
  logout: { label: 'Signing out…', hint: 'Remove the key by hand: {cli} auth logout.' },
  'save-key': { label: 'Saving the key…', hint: 'Fix the problem the warning named, then try /save-key again.' },
  new: { label: 'Starting over…', hint: 'Quit and start {start} again.' },
};

/** A hint with the commands this person can run (`npm start -- doctor` after `npm start`, not a missing `favcrm-chat`). */
function withCommand(hint: string, cli = 'favcrm-chat'): string {
  return hint.replaceAll('{cli}', cli).replaceAll('{start}', cli.replace(/\s+--$/, ''));
}

/** What the chat shows while `command` waits on the session, or null when it answers at once. */
export function slashActivity(command: SlashCommand, cli?: string): SlashActivity | null {
  if (command.name === 'connect') {
    const client = command.args.find((arg) => !arg.startsWith('-'));
    return { label: client ? `Connecting ${client}…` : 'Looking for MCP clients…', hint: withCommand('Run {cli} connect in a terminal for details.', cli) };
  }
  const activity = SLASH_ACTIVITIES[command.name];
  return activity ? { ...activity, hint: withCommand(activity.hint, cli) } : null;
}

/**
 * The question a command asks before it runs, or null when it may run now: removing the only copy of a key, or
 * dropping a signup that waits for its code, is worth one more keystroke.
 */
export function slashConfirmation(command: SlashCommand, session: AgentSessionPort, situation: SlashSituation): SlashOutcome | null {
  if (situation.confirmed) return null;
  if (command.name === 'logout') {
    const auth = session.authStatus();
    if (auth.status !== 'signed-in' || auth.storage.kind === 'environment') return null;
    return {
      kind: 'confirm',
      title: 'Sign out?',
      lines: [
        `This removes the key ${auth.maskedKey} from ${auth.storage.location}.`,
        situation.sandbox
          ? 'This is the local sandbox: its keys cannot be made again, so signing in again here means signing up with another email.'
          : 'FavCRM shows a key only once: to sign in again you create a new one in the portal (Settings → MCP Keys).',
        'Type /logout again to sign out, or anything else to keep the key.',
      ],
    };
  }
  if (command.name === 'new' && situation.pendingSignup) {
    return {
      kind: 'confirm',
      title: 'Start over?',
      lines: [
        `A signup is waiting for the code sent to ${situation.pendingSignup.maskedEmail}; a new conversation drops it, and that code stops working here.`,
        'Type /new again to start over, or paste the code.',
      ],
    };
  }
  return null;
}

/**
 * Runs one command against the session port (after its confirmation, if any). Failures become an `error`
 * outcome with the command's next step, never exceptions.
 */
export async function runSlashCommand(
  command: SlashCommand,
  session: AgentSessionPort,
  situation: Pick<SlashSituation, 'confirmed' | 'interactive' | 'showKeyOnce' | 'offlineModel' | 'command'>,
): Promise<SlashOutcome> {
  try {
    return await outcomeOf(command, session, situation);
  } catch (error) {
    // An error that knows its next step (ConnectUsageError) says it; else the command's own.
    const own = typeof (error as { hint?: unknown }).hint === 'string' ? (error as { hint: string }).hint : null;
    return { kind: 'error', message: errorMessage(error), hint: own ?? slashActivity(command, situation.command)?.hint ?? 'Try again, or run /doctor.' };
  }
}

async function outcomeOf(
  command: SlashCommand,
  session: AgentSessionPort,
  situation: Pick<SlashSituation, 'confirmed' | 'interactive' | 'showKeyOnce' | 'offlineModel' | 'command'>,
): Promise<SlashOutcome> {
  switch (command.name) {
    case 'help':
      return { kind: 'output', title: 'Commands', lines: [...SLASH_COMMAND_HELP] };
    case 'quit':
      return { kind: 'quit' };
    case 'unknown':
      return { kind: 'error', message: `Unknown command ${command.input.split(/\s+/)[0] ?? ''}.`, hint: `Try one of: ${SLASH_COMMAND_NAMES}` };
    case 'auth': {
      const auth = session.authStatus();
      return { kind: 'output', title: 'Auth', lines: authLines(auth), auth };
    }
    case 'doctor':
      return { kind: 'output', title: 'Doctor', lines: doctorLines(await session.doctor(), situation.command) };
    case 'tools': {
      const tools = await session.listTools(command.filter);
      // The offline model lists what it understands, not tools it would then refuse.
      if (situation.offlineModel) {
        return { kind: 'output', title: command.filter ? `Tools matching "${command.filter}"` : 'What the offline model can do', lines: offlineToolLines(tools, command.filter) };
      }
      return { kind: 'output', title: command.filter ? `Tools matching "${command.filter}"` : 'Tools', lines: toolLines(tools, command.filter) };
    }
    case 'outbox': {
      const emails = await session.readOutbox(OUTBOX_LIMIT);
      if (emails === null) {
        return { kind: 'error', message: 'There is no local outbox: this FavCRM is not the embedded sandbox, so codes arrive by real email.', hint: 'Check the inbox of the address you signed up with.' };
      }
      return { kind: 'output', title: 'Sandbox outbox (newest first)', lines: outboxLines(emails) };
    }
    case 'logout': {
      if (session.authStatus().status === 'signed-out') return { kind: 'output', title: 'Auth', lines: ['You are not signed in: there is no stored key to remove.'] };
      await session.logout();
      const auth = session.authStatus();
      return {
        kind: 'output',
        title: 'Auth',
        lines: auth.status === 'signed-out' ? ['Signed out. The stored key was removed.'] : [`Still signed in: the key comes from ${auth.storage.location}; remove it there.`],
        auth,
      };
    }
    case 'save-key': {
      const line = await session.saveUnsavedKey();
      return { kind: 'output', title: 'Key', lines: [line], auth: session.authStatus() };
    }
    case 'reveal-key': {
      if (!situation.showKeyOnce) {
        return { kind: 'output', title: 'Key', lines: ['Not shown: stderr is not a terminal, and a pipe or file would keep the key. Run /reveal-key with stderr on your terminal, or fix the store and /save-key.'] };
      }
      const shown = session.revealUnsavedKey(situation.showKeyOnce);
      const where = situation.interactive ? 'is shown below until you send the next line' : 'was written to your terminal (stderr) once';
      return {
        kind: 'output',
        title: 'Key',
        lines: [shown ? `Your key ${where}: copy it somewhere safe now. It is not kept in the conversation.` : 'There is no unsaved key to show (or it was shown already): a saved key stays where /auth says.'],
      };
    }
    case 'connect': {
      const againHint = situation.interactive
        ? (client: string) => `Type /connect ${client} again to write it, or anything else to leave the file alone.`
        : (client: string) => `Headless: run \`favcrm-chat connect ${client} --yes\` to write it.`;
      const output = await connectCommandOutput(command.args, session, situation.confirmed && situation.interactive, againHint);
      return { kind: output.needsConfirmation ? 'confirm' : 'output', title: output.title, lines: output.lines };
    }
    case 'new':
      await session.reset();
      return { kind: 'announced', title: 'New conversation', lines: ['Started a new conversation.'] };
  }
}
