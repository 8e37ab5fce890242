import { Box, Text } from 'ink';
import type { SignupCompleted } from '../../agent/events.js';
import { maskSecrets } from '../format/mask-secrets.js';

export interface SignupSuccessPanelProps {
  result: SignupCompleted;
}

/** The moment signup finishes: what was created, where the key went, and what to do next. */
export function SignupSuccessPanel({ result }: SignupSuccessPanelProps) {
  const ids = [
    result.organisationId ? `organisation ${result.organisationId}` : null,
    result.companyId ? `company ${result.companyId}` : null,
    result.userId ? `user ${result.userId}` : null,
  ].filter((id): id is string => id !== null);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="green" paddingX={1} marginY={1}>
      <Text bold color="green">
        ✓ Your FavCRM workspace is ready
      </Text>
      {result.organisationName ? <Row label="Workspace" value={result.organisationName} /> : null}
      {ids.length > 0 ? <Row label="IDs" value={ids.join(' · ')} /> : null}
      <Row label="API key" value={maskSecrets(result.maskedKey)} />
      <Row label="Stored in" value={result.storage.location} />
      {result.loginUrl ? <Row label="Portal" value={result.loginUrl} /> : null}
      {result.nextSteps.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>Next steps</Text>
          {result.nextSteps.map((step, index) => (
            <Box key={index}>
              <Text>{'  • '}</Text>
              <Text>{step}</Text>
            </Box>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Box width={10} flexShrink={0}>
        <Text dimColor>{label}</Text>
      </Box>
      <Text>{value}</Text>
    </Box>
  );
}
