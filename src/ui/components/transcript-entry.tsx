import { Box, Text } from 'ink';
import { wrapProse } from '../../text/wrap-prose.js';
import type { ChatEntry } from '../state/chat-state.js';
import { CommandOutput } from './command-output.js';
import { DataTable } from './data-table.js';
import { ErrorLine } from './error-line.js';
import { Header } from './header.js';
import { OutboxNotice } from './outbox-notice.js';
import { SignupSuccessPanel } from './signup-success-panel.js';
import { ToolCallCard } from './tool-call-card.js';

export interface TranscriptEntryViewProps {
  entry: ChatEntry;
  columns: number;
}

/** One finished item of the conversation, drawn by kind. */
export function TranscriptEntryView({ entry, columns }: TranscriptEntryViewProps) {
  switch (entry.kind) {
    case 'user':
      return (
        <Box marginTop={1} width={columns}>
          <Text color="cyan" bold>
            {'› '}
          </Text>
          <Text>{wrapProse(entry.text, columns - 2)}</Text>
        </Box>
      );
    case 'assistant':
      return (
        <Box width={columns}>
          <Text>{wrapProse(entry.text, columns)}</Text>
        </Box>
      );
    case 'tool':
      return (
        <Box flexDirection="column" width={columns}>
          <ToolCallCard title={entry.title} argsSummary={entry.argsSummary} status={entry.ok ? 'ok' : 'failed'} summary={entry.summary} columns={columns} />
          {entry.ok && entry.data !== undefined ? <DataTable data={entry.data} columns={columns} /> : null}
        </Box>
      );
    case 'error':
      return (
        <Box width={columns}>
          <ErrorLine message={entry.message} {...(entry.hint ? { hint: entry.hint } : {})} columns={columns} />
        </Box>
      );
    case 'notice':
      return (
        <Box width={columns}>
          <Text dimColor={entry.level !== 'warning'} color={entry.level === 'warning' ? 'yellow' : undefined}>
            {wrapProse(entry.text, columns)}
          </Text>
        </Box>
      );
    case 'header':
      return <Header endpoint={entry.endpoint} model={entry.model} auth={entry.auth} approvalsSkipped={entry.approvalsSkipped} columns={columns} />;
    case 'signup-success':
      return <SignupSuccessPanel result={entry.result} columns={columns} />;
    case 'outbox':
      return (
        <Box width={columns}>
          <OutboxNotice to={entry.to} command={entry.command} columns={columns} />
        </Box>
      );
    case 'command-output':
      return <CommandOutput title={entry.title} lines={entry.lines} columns={columns} />;
  }
}
