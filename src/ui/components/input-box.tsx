import { Box, Text } from 'ink';
import { LineInput } from '../input/line-input.js';
import { containsSecret } from '../format/mask-secrets.js';

export interface InputBoxProps {
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  /**
   * Changes when a line is sent or recalled: the line input starts afresh, its cursor at the end. (With
   * ink-text-input, a line sent together with its Enter left the cursor past the end, and the next keys typed came
   * out in reverse: "y", "z" read "zy".)
   */
  recallKey?: string;
}

/** The prompt line. Enter sends; a pasted key is hidden while typed. */
export function InputBox({ value, placeholder, onChange, onSubmit, recallKey = 'draft' }: InputBoxProps) {
  return (
    <Box borderStyle="round" borderColor="gray" paddingX={1}>
      {/* Never squeezed: a long line wraps beside the prompt, not into it. */}
      <Box flexShrink={0} width={2}>
        <Text color="cyan" bold>
          ›
        </Text>
      </Box>
      <LineInput key={recallKey} value={value} placeholder={placeholder} onChange={onChange} onSubmit={onSubmit} masked={containsSecret(value)} />
    </Box>
  );
}
