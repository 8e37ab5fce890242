import type { AgentSessionPort } from '../agent/events.js';
import { runSlashCommand } from '../slash-commands/run-slash-command.js';
import type { SlashCommand } from '../slash-commands/slash-command.js';

/** What one slash command printed: a title and its lines (the chat shows the same as a command-output entry). */
export interface CommandOutput {
  title: string;
  lines: string[];
}

/**
 * The chat's slash commands (src/slash-commands/) for headless mode, so a script can check auth or read the outbox
 * between turns instead of the line going to the model. `/logout` and `/new` run at once: a script has no one to
 * confirm; a key written into a file (`/connect`) is never agreed to here, that takes the CLI's --yes. `/quit` is
 * handled by the caller (it ends the input loop).
 */
export async function runHeadlessCommand(
  command: Exclude<SlashCommand, { name: 'quit' }>,
  session: AgentSessionPort,
  /** Writes an unsaved key to the person's own terminal; absent when stderr is not one (a pipe or file would keep it). */
  showKeyOnce?: (apiKey: string) => void,
  /** The offline model answers (its /tools view), and how this person runs the app (for hints). */
  context: { offlineModel?: boolean; command?: string } = {},
): Promise<CommandOutput> {
  const outcome = await runSlashCommand(command, session, {
    confirmed: true,
    interactive: false,
    ...(context.offlineModel ? { offlineModel: true } : {}),
    ...(context.command ? { command: context.command } : {}),
    ...(showKeyOnce ? { showKeyOnce } : {}),
  });
  switch (outcome.kind) {
    case 'error':
      return { title: 'Error', lines: [outcome.message, `→ ${outcome.hint}`] };
    case 'quit':
      return { title: 'Quit', lines: [] };
    default:
      // `announced` too: the session's notice went to stderr, and a script reads stdout.
      return { title: outcome.title, lines: outcome.lines };
  }
}
