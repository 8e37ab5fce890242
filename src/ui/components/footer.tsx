import { Box, Text } from 'ink';
import type { AuthState, ModelInfo } from '../../agent/events.js';
import { maskSecrets } from '../format/mask-secrets.js';
import type { TurnUsage } from '../state/chat-state.js';

export interface FooterProps {
  model: ModelInfo | null;
  usage: TurnUsage | null;
  auth?: AuthState;
  sandbox?: boolean;
}

export const KEY_HINTS = '/help · Ctrl+C cancel · Ctrl+D quit';

/** Live status under the input (the header scrolls away): sandbox, auth, last turn's cost and time, keys. */
export function Footer({ model, usage, auth, sandbox = false }: FooterProps) {
  const showUsage = usage !== null && model !== null && !model.offline;
  return (
    <Box gap={2}>
      {sandbox ? (
        <Text inverse color="yellow">
          {' SANDBOX '}
        </Text>
      ) : null}
      {auth ? <Text dimColor>{auth.status === 'signed-in' ? `signed in ${maskSecrets(auth.maskedKey)}` : 'signed out'}</Text> : null}
      {showUsage ? (
        <Text dimColor>{`${formatCount(usage.inputTokens)} in · ${formatCount(usage.outputTokens)} out · ${(usage.durationMs / 1000).toFixed(1)}s`}</Text>
      ) : null}
      <Text dimColor>{KEY_HINTS}</Text>
    </Box>
  );
}

function formatCount(tokens: number): string {
  return tokens.toLocaleString('en-US');
}
