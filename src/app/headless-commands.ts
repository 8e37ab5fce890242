import type { AgentSessionPort } from '../agent/events.js';
import { authLines, doctorLines, outboxLines, toolLines } from '../ui/format/command-lines.js';
import { SLASH_COMMAND_HELP, type SlashCommand } from '../ui/slash-commands.js';
import { connectCommandOutput } from '../ui/connect-slash-command.js';

/** What one slash command printed: a title and its lines (the chat shows the same as a command-output entry). */
export interface CommandOutput {
  title: string;
  lines: string[];
}

/**
 * The chat's slash commands for headless mode, so a script can check auth or read the outbox between turns
 * instead of the line going to the model. `/logout` and `/new` run at once: a script has no one to confirm.
 * `/quit` is handled by the caller (it ends the input loop).
 */
export async function runHeadlessCommand(command: Exclude<SlashCommand, { name: 'quit' }>, session: AgentSessionPort): Promise<CommandOutput> {
  switch (command.name) {
    case 'help':
      return { title: 'Commands', lines: [...SLASH_COMMAND_HELP] };
    case 'auth':
      return { title: 'Auth', lines: authLines(session.authStatus()) };
    case 'doctor':
      return { title: 'Doctor', lines: doctorLines(await session.doctor()) };
    case 'tools':
      return { title: command.filter ? `Tools matching "${command.filter}"` : 'Tools', lines: toolLines(await session.listTools(command.filter), command.filter) };
    case 'outbox': {
      const emails = await session.readOutbox(3);
      return { title: 'Sandbox outbox (newest first)', lines: emails === null ? ['There is no local outbox: this FavCRM is not the embedded sandbox.'] : outboxLines(emails) };
    }
    case 'logout': {
      if (session.authStatus().status === 'signed-out') return { title: 'Auth', lines: ['You are not signed in: there is no stored key to remove.'] };
      await session.logout();
      const auth = session.authStatus();
      return { title: 'Auth', lines: auth.status === 'signed-out' ? ['Signed out. The stored key was removed.'] : [`Still signed in: the key comes from ${auth.storage.location}.`] };
    }
    case 'connect': {
      // A script has no one to agree to a key written inline: that takes the CLI's --yes.
      const output = await connectCommandOutput(command.args, session, false, (client) => `Headless: run \`favcrm-chat connect ${client} --yes\` to write it.`);
      return { title: output.title, lines: output.lines };
    }
    case 'new':
      await session.reset();
      return { title: 'New conversation', lines: ['Started a new conversation.'] };
    case 'unknown':
      return { title: 'Unknown command', lines: [`Unknown command ${command.input.split(/\s+/)[0] ?? ''}. Commands: ${SLASH_COMMAND_HELP.map((line) => line.split(/\s+/)[0]).join(' ')}`] };
  }
}
