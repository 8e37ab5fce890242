import { Box, Static, Text } from 'ink';
import { maskStreamingText } from '../format/mask-secrets.js';
import { wrapProse } from '../format/wrap-prose.js';
import type { KeyedEntry, LiveTurn } from '../state/chat-state.js';
import { ToolCallCard } from './tool-call-card.js';
import { TranscriptEntryView } from './transcript-entry.js';

export interface TranscriptProps {
  entries: KeyedEntry[];
  live: LiveTurn | null;
  columns: number;
}

/** Finished entries are printed once (`Static`); the turn in progress is redrawn below them. */
export function Transcript({ entries, live, columns }: TranscriptProps) {
  return (
    <>
      <Static items={entries}>{(entry) => <TranscriptEntryView key={entry.id} entry={entry} columns={columns} />}</Static>
      {live ? (
        <Box flexDirection="column" width={columns}>
          {live.text ? <Text>{wrapProse(maskStreamingText(live.text), columns)}</Text> : null}
          {live.runningTools.map((tool) => (
            <ToolCallCard key={tool.callId} title={tool.title} argsSummary={tool.argsSummary} status="running" columns={columns} />
          ))}
        </Box>
      ) : null}
    </>
  );
}
