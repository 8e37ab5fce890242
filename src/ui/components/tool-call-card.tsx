import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { truncateCell } from '../format/table-model.js';

export interface ToolCallCardProps {
  title: string;
  argsSummary: string;
  status: 'running' | 'ok' | 'failed';
  summary?: string;
  /** Room for the one-line texts; the card never wraps into a wall. */
  columns?: number;
}

/** One line per tool call: a spinner while it runs, then ✓/✗ with what came back. */
export function ToolCallCard({ title, argsSummary, status, summary, columns = 80 }: ToolCallCardProps) {
  // The mark, the title and the gaps take the rest of the line, which must never wrap: in a narrow window the
  // arguments shrink, then go, and the title is cut last.
  const shownTitle = truncateCell(title, Math.max(8, columns - 3));
  const room = columns - shownTitle.length - 5;
  const args = argsSummary && room >= 8 ? truncateCell(oneLine(argsSummary), room) : '';
  return (
    <Box flexDirection="column">
      <Box gap={1}>
        {status === 'running' ? (
          <Text color="cyan">
            <Spinner type="dots" />
          </Text>
        ) : (
          <Text color={status === 'ok' ? 'green' : 'red'}>{status === 'ok' ? '✓' : '✗'}</Text>
        )}
        <Text bold>{shownTitle}</Text>
        {args ? <Text dimColor>{args}</Text> : null}
      </Box>
      {status !== 'running' && summary ? (
        <Text color={status === 'ok' ? undefined : 'red'} dimColor={status === 'ok'}>
          {'  '}
          {truncateCell(oneLine(summary), Math.max(20, columns - 4))}
        </Text>
      ) : null}
    </Box>
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
