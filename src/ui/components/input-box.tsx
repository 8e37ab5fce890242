import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { containsSecret } from '../format/mask-secrets.js';

export interface InputBoxProps {
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  /** Changes when a history line is recalled, so the cursor starts at its end instead of mid-line. */
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
