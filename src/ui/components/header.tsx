import { Box, Text } from 'ink';
import type { AuthState, EndpointInfo, ModelInfo } from '../../agent/events.js';
import { maskSecrets } from '../format/mask-secrets.js';

export interface HeaderProps {
  endpoint: EndpointInfo;
  model: ModelInfo;
  auth: AuthState;
  approvalsSkipped?: boolean;
}

/** Where we are connected, with which model, and as whom. */
export function Header({ endpoint, model, auth, approvalsSkipped = false }: HeaderProps) {
  return (
    <Box flexDirection="column">
      <Box gap={1}>
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
      <Text dimColor>
        {`model ${model.label} · ${authLabel(auth)}`}
      </Text>
      {approvalsSkipped ? <Text color="yellow">approvals skipped: risky tools run without asking</Text> : null}
    </Box>
  );
}

function authLabel(auth: AuthState): string {
  if (auth.status === 'signed-out') return 'signed out';
  return `signed in ${maskSecrets(auth.maskedKey)} (${auth.storage.location})`;
}
