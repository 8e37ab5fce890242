import { Box, Text } from 'ink';
import type { ApprovalRequest } from '../../agent/events.js';
import { truncateCell } from '../format/table-model.js';
import { useApprovalKeys } from '../hooks/use-approval-keys.js';
import { DataTable } from './data-table.js';

export interface ApprovalPromptProps {
  request: ApprovalRequest;
  onAnswer: (approved: boolean) => void;
  columns?: number;
}

/** How many arguments are worth showing next to the description. */
const SHOWN_ARGUMENTS = 4;

const REASON_LABEL: Record<ApprovalRequest['reason'], string> = {
  destructive: 'changes or deletes data',
  'open-world': 'reaches outside FavCRM',
  'stripe-link': 'creates a Stripe payment link',
};

/** Asks before a risky call: what will happen, to what, and a preview for bulk changes. */
export function ApprovalPrompt({ request, onAnswer, columns = 80 }: ApprovalPromptProps) {
  useApprovalKeys(onAnswer);
  const args = Object.entries(request.args)
    .filter(([, value]) => value === null || typeof value !== 'object')
    .slice(0, SHOWN_ARGUMENTS)
    .map(([key, value]) => `${key}: ${truncateCell(String(value), 30)}`)
    .join(' · ');
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
      <Text bold color="yellow">
        {`Approve ${request.title}? `}
        <Text dimColor>({REASON_LABEL[request.reason]})</Text>
      </Text>
      <Text>{request.description}</Text>
      {args ? <Text dimColor>{args}</Text> : null}
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
        </Text>
      </Box>
    </Box>
  );
}
