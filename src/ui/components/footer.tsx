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
  // On a narrow terminal the parts move to the next row whole instead of breaking inside ("SANDB" / "OX").
  return (
    <Box columnGap={2} flexWrap="wrap">
      {sandbox ? (
        <Box flexShrink={0}>
          <Text inverse color="yellow">
            {' SANDBOX '}
          </Text>
        </Box>
      ) : null}
      {auth ? (
        <Box flexShrink={0}>
          <Text dimColor>{auth.status === 'signed-in' ? `signed in ${maskSecrets(auth.maskedKey)}` : 'signed out'}</Text>
        </Box>
      ) : null}
      {showUsage ? (
        <Box flexShrink={0}>
          <Text dimColor>{`${formatCount(usage.inputTokens)} in · ${formatCount(usage.outputTokens)} out · ${(usage.durationMs / 1000).toFixed(1)}s`}</Text>
        </Box>
      ) : null}
      <Text dimColor>{KEY_HINTS}</Text>
    </Box>
  );
}

function formatCount(tokens: number): string {
  return tokens.toLocaleString('en-US');
}
