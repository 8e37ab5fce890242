import { Box, Text } from 'ink';

export interface CommandOutputProps {
  title: string;
  lines: string[];
}

/** What a slash command printed: a title and a few plain lines, indented (also where a long line wraps). */
export function CommandOutput({ title, lines }: CommandOutputProps) {
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      {lines.map((line, index) => (
        <Box key={index} paddingLeft={2}>
          <Text>{line}</Text>
        </Box>
      ))}
    </Box>
  );
}
