import { Box, Text } from 'ink';
import type { AuthState, EndpointInfo, ModelInfo } from '../../agent/events.js';
import { maskSecrets } from '../format/mask-secrets.js';
import { wrapProse } from '../../text/wrap-prose.js';

export interface HeaderProps {
  endpoint: EndpointInfo;
  model: ModelInfo;
  auth: AuthState;
  approvalsSkipped?: boolean;
  /** Terminal width: the model and auth line wraps at words, not mid-phrase with a leading space. */
  columns?: number;
}

/** Where we are connected, with which model, and as whom. */
export function Header({ endpoint, model, auth, approvalsSkipped = false, columns }: HeaderProps) {
  const wrap = (text: string): string => (columns === undefined ? text : wrapProse(text, columns));
  return (
    <Box flexDirection="column">
      {/* In a narrow window the URL moves to its own line instead of breaking in the middle of its port. */}
      <Box columnGap={1} flexWrap="wrap">
        <Text bold color="cyan">
          favcrm-chat
        </Text>
        {endpoint.sandbox ? (
          <Text inverse bold color="yellow">
            {' SANDBOX '}
          </Text>
        ) : null}
        <Text>{endpoint.url}</Text>
      </Box>
      <Text dimColor>{wrap(`model ${model.label} · ${authLabel(auth)}`)}</Text>
      {approvalsSkipped ? <Text color="yellow">{wrap('approvals skipped: risky tools run without asking')}</Text> : null}
    </Box>
  );
}

function authLabel(auth: AuthState): string {
  if (auth.status === 'signed-out') return 'signed out';
  return `signed in ${maskSecrets(auth.maskedKey)} (${auth.storage.location})`;
}
