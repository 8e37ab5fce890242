import { Box, Text } from 'ink';
import type { ApprovalRequest } from '../../agent/events.js';
import { approvalCardLines } from '../../agent/approval/approval-card-lines.js';
import { useApprovalKeys } from '../hooks/use-approval-keys.js';
import { DataTable } from './data-table.js';

export interface ApprovalPromptProps {
  request: ApprovalRequest;
  onAnswer: (approved: boolean) => void;
  columns?: number;
  /** How many more approvals wait behind this one (the model asked for several calls at once). */
  waiting?: number;
  /** A yes before this time (epoch ms) was meant for the card before (see APPROVAL_SETTLE_MS). */
  ignoreYesUntil?: number;
}

/**
 * Asks before a gated call: the tool's title, what it reaches, one sentence, then every argument that will be sent
 * (nested ones as `path: value`, long values wrapped, never cut; keys the schema does not declare flagged), and a
 * preview for bulk changes. The lines are built by `approvalCardLines`, shared with headless mode.
 */
export function ApprovalPrompt({ request, onAnswer, columns = 80, waiting = 0, ignoreYesUntil = 0 }: ApprovalPromptProps) {
  useApprovalKeys(onAnswer, true, ignoreYesUntil);
  const card = approvalCardLines(request, columns - 4);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
      <Text bold color="yellow">
        {card.title}
      </Text>
      <Text dimColor>{card.tool}</Text>
      {card.reaches ? <Text color="yellow">{card.reaches}</Text> : null}
      <Text>{card.description}</Text>
      {card.fields.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          {card.fields.map((field, index) => (
            <Text key={index} {...(field.undeclared ? { color: 'red' } : {})}>
              {field.text}
            </Text>
          ))}
        </Box>
      ) : null}
      {card.undeclaredNote ? <Text color="red">{card.undeclaredNote}</Text> : null}
      {request.preview ? (
        <Box flexDirection="column" marginTop={1}>
          <Text dimColor>{`${request.preview.total} row${request.preview.total === 1 ? '' : 's'} in total; the first ${Math.min(3, request.preview.rows.length)}:`}</Text>
          <DataTable data={request.preview.rows} maxRows={3} total={request.preview.total} columns={columns - 4} />
        </Box>
      ) : null}
      <Box marginTop={1}>
        <Text>
          <Text bold color="green">
            y
          </Text>
          {' yes · '}
          <Text bold color="red">
            n
          </Text>
          {' no'}
          {waiting > 0 ? <Text dimColor>{` · ${waiting} more to answer after this`}</Text> : null}
        </Text>
      </Box>
    </Box>
  );
}
