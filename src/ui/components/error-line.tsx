import { Box, Text } from 'ink';

export interface ErrorLineProps {
  message: string;
  hint?: string;
}

/** A failure people can act on: what went wrong, then the next step. */
export function ErrorLine({ message, hint }: ErrorLineProps) {
  return (
    <Box flexDirection="column">
      <Text color="red" bold>
        ✗ {message}
      </Text>
      {hint ? <Text color="yellow">{`  → ${hint}`}</Text> : null}
    </Box>
  );
}
