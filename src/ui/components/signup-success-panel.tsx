import { Box, Text } from 'ink';
import type { SignupCompleted } from '../../agent/events.js';
import { maskSecrets } from '../format/mask-secrets.js';
import { wrapProse } from '../../text/wrap-prose.js';

export interface SignupSuccessPanelProps {
  result: SignupCompleted;
  /** Terminal width; the panel's border and padding take 4 of it. */
  columns?: number;
}

/** The label column of a row. */
const LABEL_WIDTH = 10;

/** The moment signup finishes: what was created, where the key went, and what to do next. */
export function SignupSuccessPanel({ result, columns }: SignupSuccessPanelProps) {
  const inner = columns === undefined ? undefined : columns - 4;
  const wrap = (text: string, indent: number) => (inner === undefined ? text : wrapProse(text, inner - indent));
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
      {result.organisationName ? <Row label="Workspace" value={wrap(result.organisationName, LABEL_WIDTH)} /> : null}
      {ids.length > 0 ? <Row label="IDs" value={wrap(ids.join(' · '), LABEL_WIDTH)} /> : null}
      <Row label="API key" value={maskSecrets(result.maskedKey)} />
      {/* Wrapped hard: a long path or login URL has no space to break at, and would widen the box past the screen. */}
      <Row label="Stored in" value={wrap(result.storage.location, LABEL_WIDTH)} />
      {result.loginUrl ? <Row label="Portal" value={wrap(result.loginUrl, LABEL_WIDTH)} /> : null}
      {result.nextSteps.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>Next steps</Text>
          {result.nextSteps.map((step, index) => (
            <Box key={index}>
              <Text>{'  • '}</Text>
              <Text>{wrap(step, 4)}</Text>
            </Box>
          ))}
        </Box>
      ) : null}
      {/* Offered here once, at the moment the key exists: the seed's own next step is to connect an MCP client. */}
      <Box flexDirection="column" marginTop={1}>
        <Text bold>Use it from your other agents</Text>
        <Text>{wrap(CONNECT_OFFER, 0)}</Text>
      </Box>
    </Box>
  );
}

/** The one-time offer: `/connect` lists the clients found here and writes the chosen one's entry, key by reference. */
export const CONNECT_OFFER = 'Type /connect to add this workspace to Claude Code, Cursor, VS Code, Codex, Gemini CLI or Claude Desktop (the key stays out of their files where they allow it).';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Box width={LABEL_WIDTH} flexShrink={0}>
        <Text dimColor>{label}</Text>
      </Box>
      <Text>{value}</Text>
    </Box>
  );
}
