import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { containsSecret } from '../format/mask-secrets.js';

export interface InputBoxProps {
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  /**
   * Changes when a line is sent or recalled: the text input remounts with its cursor at the end. ink-text-input keeps
   * its cursor in its own state and only clamps it when the value changes, so a line typed or pasted together with
   * its Enter (the value never changed here: it went out at once) left the cursor past the end, and the next key
   * typed put the cursor before itself ("y", "z" read "zy").
   */
  recallKey?: string;
}

/** The prompt line. Enter sends; a pasted key is hidden while typed. */
export function InputBox({ value, placeholder, onChange, onSubmit, recallKey = 'draft' }: InputBoxProps) {
  return (
    <Box borderStyle="round" borderColor="gray" paddingX={1}>
      <Text color="cyan" bold>
        {'› '}
      </Text>
      <TextInput key={recallKey} value={value} placeholder={placeholder} onChange={onChange} onSubmit={onSubmit} mask={containsSecret(value) ? '•' : undefined} />
    </Box>
  );
}
