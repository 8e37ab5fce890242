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
  /** Terminal width: long lines wrap at spaces inside the box. */
  columns?: number;
}

/** The prompt line. Enter sends; a pasted key is hidden while typed. */
/** Border (2), padding (2) and the prompt (2) around the text. */
const BOX_CHROME_COLUMNS = 6;

export function InputBox({ value, placeholder, onChange, onSubmit, recallKey = 'draft', columns }: InputBoxProps) {
  return (
    <Box borderStyle="round" borderColor="gray" paddingX={1}>
      {/* Never squeezed: a long line wraps beside the prompt, not into it. */}
      <Box flexShrink={0} width={2}>
        <Text color="cyan" bold>
          ›
        </Text>
      </Box>
      <LineInput key={recallKey} value={value} placeholder={placeholder} onChange={onChange} onSubmit={onSubmit} masked={containsSecret(value)} {...(columns ? { width: columns - BOX_CHROME_COLUMNS } : {})} />
    </Box>
  );
}
