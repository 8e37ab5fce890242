/** Subcommands with their own flag parsers (`connect` included); the chat's `doctor` and `chat` go through the app's parser. */
const ROUTED_COMMANDS = ['sandbox', 'auth', 'connect'] as const;
export type RoutedCommand = (typeof ROUTED_COMMANDS)[number];

/** Flags (of the app, `auth` and `sandbox`) whose value is the next word when not written `--flag=value`. */
const FLAGS_WITH_A_VALUE = new Set([
  '--url', '--api-key', '--model', '-m', '--key-store', '--data', '--port', '--signup-rate', '--invite-code-rate', '--limit', '--scope',
]);

/**
 * Finds `sandbox` or `auth` wherever it stands, so `favcrm-chat --data DIR sandbox outbox` works like
 * `favcrm-chat sandbox outbox --data DIR` (people put flags first as often as last). The words after the
 * command come first in `args`, since the subcommands read their own sub-subcommand (`outbox`, `status`) there.
 */
export function findRoutedCommand(argv: readonly string[]): { command: RoutedCommand; args: string[] } | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const word = argv[index] ?? '';
    if (word === '--') return undefined;
    if (word.startsWith('-')) {
      if (FLAGS_WITH_A_VALUE.has(word)) index += 1;
      continue;
    }
    // The first plain word is the command; anything else (`doctor`, a typo) is for the app's parser to judge.
    const command = ROUTED_COMMANDS.find((name) => name === word);
    return command === undefined ? undefined : { command, args: [...argv.slice(index + 1), ...argv.slice(0, index)] };
  }
  return undefined;
}
