/** `/help`, `/doctor`, …: what a person can type instead of a message, parsed the same in the chat and headless. */

export type SlashCommandName = 'help' | 'doctor' | 'tools' | 'outbox' | 'auth' | 'logout' | 'save-key' | 'reveal-key' | 'connect' | 'new' | 'quit';

export type SlashCommand =
  | { name: Exclude<SlashCommandName, 'tools' | 'connect'> }
  | { name: 'tools'; filter?: string }
  | { name: 'connect'; args: string[] }
  | { name: 'unknown'; input: string };

/** Each command's words (the first is its name) and its `/help` line. */
export const SLASH_COMMANDS: readonly { name: SlashCommandName; words: readonly string[]; help: string }[] = [
  { name: 'help', words: ['help', '?'], help: '/help            this list' },
  { name: 'doctor', words: ['doctor'], help: '/doctor          check the FavCRM connection and the key' },
  { name: 'tools', words: ['tools'], help: '/tools [filter]  list the CRM tools I can use' },
  { name: 'outbox', words: ['outbox', 'inbox', 'mail'], help: "/outbox          read the sandbox's local outbox (signup codes)" },
  { name: 'auth', words: ['auth'], help: '/auth            where your key is stored (masked)' },
  { name: 'logout', words: ['logout'], help: '/logout          forget the stored key' },
  { name: 'save-key', words: ['save-key'], help: '/save-key        save a key that could not be saved when it was issued' },
  { name: 'reveal-key', words: ['reveal-key'], help: '/reveal-key      show such an unsaved key once, here, to keep it yourself' },
  { name: 'connect', words: ['connect'], help: '/connect [app]    add FavCRM to Claude Code, Cursor, VS Code, Codex, Gemini CLI or Claude Desktop' },
  { name: 'new', words: ['new', 'reset'], help: '/new             start a new conversation' },
  { name: 'quit', words: ['quit', 'exit'], help: '/quit            leave (also Ctrl+D)' },
];

/** Usage lines shown by `/help`. */
export const SLASH_COMMAND_HELP: readonly string[] = SLASH_COMMANDS.map((command) => command.help);

/** `/help /doctor …`: what an unknown command's message suggests. */
export const SLASH_COMMAND_NAMES = SLASH_COMMANDS.map((command) => `/${command.name}`).join(' ');

/** Null when the text is a message for the assistant rather than a command. */
export function parseSlashCommand(text: string): SlashCommand | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('/')) return null;
  const [word = '', ...rest] = trimmed.slice(1).split(/\s+/);
  const argument = rest.join(' ').trim();
  const command = SLASH_COMMANDS.find((entry) => entry.words.includes(word.toLowerCase()));
  if (!command) return { name: 'unknown', input: trimmed };
  if (command.name === 'tools') return argument ? { name: 'tools', filter: argument } : { name: 'tools' };
  if (command.name === 'connect') return { name: 'connect', args: rest.filter((part) => part !== '') };
  return { name: command.name };
}
