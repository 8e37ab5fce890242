import { Box, Text } from 'ink';
import type { ApprovalRequest } from '../../agent/events.js';
import { truncateCell } from '../format/table-model.js';
import { wrapProse } from '../format/wrap-prose.js';
import { useApprovalKeys } from '../hooks/use-approval-keys.js';
import { DataTable } from './data-table.js';

export interface ApprovalPromptProps {
  request: ApprovalRequest;
  onAnswer: (approved: boolean) => void;
  columns?: number;
}

/**
 * SGR dim and back: the reason is dimmed inside the wrapped title string (a nested <Text> would be wrapped by Ink,
 * which can start a row with a space). 22 also ends bold, which is fine as the reason ends the title.
 */
const DIM = '\u001B[2m';
const NORMAL_INTENSITY = '\u001B[22m';

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
        {wrapProse(`Approve ${request.title}? ${DIM}(${REASON_LABEL[request.reason]})${NORMAL_INTENSITY}`, columns - 4)}
      </Text>
      <Text>{wrapProse(request.description, columns - 4)}</Text>
      {args ? <Text dimColor>{wrapProse(args, columns - 4)}</Text> : null}
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
