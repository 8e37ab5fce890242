import { Box, Text } from 'ink';
import { wrapProse } from '../../text/wrap-prose.js';

export interface CommandOutputProps {
  title: string;
  lines: string[];
  /** Wrap width; without one Ink wraps (and may start a row with a space). */
  columns?: number;
}

/** What a slash command printed: a title and a few plain lines, indented (also where a long line wraps). */
export function CommandOutput({ title, lines, columns }: CommandOutputProps) {
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      {lines.map((line, index) => (
        <Box key={index} paddingLeft={2}>
          <Text>{columns === undefined ? line : wrapProse(line, columns - 2)}</Text>
        </Box>
      ))}
    </Box>
  );
}
