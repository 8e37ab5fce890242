import { Box, Text } from 'ink';
import { wrapProse } from '../../text/wrap-prose.js';

export interface ErrorLineProps {
  message: string;
  hint?: string;
  /** Wrap width; without one Ink wraps (and may start a row with a space). */
  columns?: number;
}

/** A failure people can act on: what went wrong, then the next step. */
export function ErrorLine({ message, hint, columns }: ErrorLineProps) {
  const wrap = (text: string) => (columns === undefined ? text : wrapProse(text, columns));
  return (
    <Box flexDirection="column">
      <Text color="red" bold>
        {wrap(`✗ ${message}`)}
      </Text>
      {hint ? <Text color="yellow">{wrap(`  → ${hint}`)}</Text> : null}
    </Box>
  );
}
