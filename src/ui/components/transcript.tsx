import { Box, Static, Text } from 'ink';
import { maskStreamingText } from '../format/mask-secrets.js';
import { wrapProse } from '../../text/wrap-prose.js';
import type { KeyedEntry, LiveTurn } from '../state/chat-state.js';
import { ToolCallCard } from './tool-call-card.js';
import { TranscriptEntryView } from './transcript-entry.js';

export interface TranscriptProps {
  entries: KeyedEntry[];
  live: LiveTurn | null;
  columns: number;
  /** Terminal rows: the live text is kept shorter than the screen. */
  rows?: number;
  /** Changes when the terminal's width changed: every entry is printed again at the new width. */
  generation?: number;
}

/** Rows left for everything below the live text: its tool cards, the prompt or input box, the footer. */
const ROWS_BELOW_LIVE_TEXT = 10;

/**
 * The tail of the text still streaming, at most `maxLines` rows. A live area taller than the screen makes Ink
 * clear the terminal and reprint the whole transcript on every frame; the full text is printed when it is done.
 */
export function liveTextTail(wrapped: string, maxLines: number): { hiddenLines: number; text: string } {
  const lines = wrapped.split('\n');
  if (lines.length <= maxLines) return { hiddenLines: 0, text: wrapped };
  const shown = lines.slice(lines.length - (maxLines - 1));
  return { hiddenLines: lines.length - shown.length, text: shown.join('\n') };
}

/** Finished entries are printed once (`Static`); the turn in progress is redrawn below them. */
export function Transcript({ entries, live, columns, rows = 24, generation = 0 }: TranscriptProps) {
  const maxLiveLines = Math.max(3, rows - ROWS_BELOW_LIVE_TEXT - 3 * (live?.runningTools.length ?? 0));
  const tail = live?.text ? liveTextTail(wrapProse(maskStreamingText(live.text), columns), maxLiveLines) : null;
  return (
    <>
      <Static key={generation} items={entries}>
        {(entry) => <TranscriptEntryView key={entry.id} entry={entry} columns={columns} />}
      </Static>
      {live ? (
        <Box flexDirection="column" width={columns}>
          {tail && tail.hiddenLines > 0 ? <Text dimColor>{`… ${tail.hiddenLines} more lines above, printed in full when this message is done`}</Text> : null}
          {tail ? <Text>{tail.text}</Text> : null}
          {live.runningTools.map((tool) => (
            <ToolCallCard key={tool.callId} title={tool.title} argsSummary={tool.argsSummary} status="running" columns={columns} />
          ))}
        </Box>
      ) : null}
    </>
  );
}
