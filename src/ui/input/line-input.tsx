import { Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { PASTE_END_INPUT, PASTE_START_INPUT } from './bracketed-paste.js';
import { editLine, softWrap, type LineState } from './line-editor.js';
import { splitKeys } from './split-keys.js';

export interface LineInputProps {
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  /** Draw every character as • (a pasted key). */
  masked?: boolean;
  focus?: boolean;
  /** Columns for the text: long lines wrap at spaces (no row starts with one). */
  width?: number;
}

/**
 * A one-line text input with readline keys (line-editor.ts). The cursor lives here; a value changed from outside
 * (sent, recalled from history) puts it at the end. The latest line is kept in a ref as well as in state: a key
 * that arrives before React re-attaches the key handler still edits the current line, not the one of the last render.
 */
export function LineInput({ value, placeholder, onChange, onSubmit, masked = false, focus = true, width }: LineInputProps) {
  const [cursor, setCursor] = useState(value.length);
  const [known, setKnown] = useState(value);
  const live = useRef<LineState>({ value, cursor: value.length });
  /** Between the terminal's paste markers (bracketed-paste.ts). */
  const pasting = useRef(false);
  /** The paste so far ended in a line break, which joining turned into a space: dropped when the paste ends. */
  const pasteEndedWithBreak = useRef(false);
  if (value !== known) {
    // Changed by the parent, not by a key here: follow it with the cursor at the end.
    setKnown(value);
    setCursor(value.length);
    live.current = { value, cursor: value.length };
  }

  const apply = (next: LineState): void => {
    const changed = next.value !== live.current.value;
    live.current = next;
    setCursor(next.cursor);
    if (changed) {
      setKnown(next.value);
      onChange(next.value);
    }
  };

  useInput(
    (input, key) => {
      if (input === PASTE_START_INPUT || input === PASTE_END_INPUT) {
        pasting.current = input === PASTE_START_INPUT;
        const { value: line, cursor: at } = live.current;
        if (!pasting.current && pasteEndedWithBreak.current && line[at - 1] === ' ') {
          apply({ value: line.slice(0, at - 1) + line.slice(at), cursor: at - 1 });
        }
        pasteEndedWithBreak.current = false;
        return;
      }
      if (pasting.current) {
        pasteEndedWithBreak.current = key.return === true || /[\r\n]$/.test(input);
        const outcome = editLine(live.current, input, key, true);
        if (outcome.kind === 'edit') apply(outcome.line);
        return;
      }
      // Keys that arrived in one chunk ("\x17\x17", a line and its Enter then Ctrl+C) are applied one by one.
      for (const piece of splitKeys(input, key)) {
        const outcome = editLine(live.current, piece.input, piece.key);
        if (outcome.kind === 'ignored') continue;
        if (outcome.kind === 'submit') {
          onSubmit(outcome.value);
          // The parent empties the box; keys after the Enter in this chunk start on the empty line.
          live.current = { value: '', cursor: 0 };
          continue;
        }
        apply(outcome.line);
      }
    },
    { isActive: focus },
  );

  if (value === '') {
    if (!focus || placeholder === '') return <Text color="gray">{placeholder}</Text>;
    return (
      <Text>
        <Text inverse>{placeholder[0]}</Text>
        <Text color="gray">{placeholder.slice(1)}</Text>
      </Text>
    );
  }
  const plain = masked ? '•'.repeat([...value].length) : value;
  const shown = width === undefined ? plain : softWrap(plain, width);
  if (!focus) return <Text>{shown}</Text>;
  // The cursor as an inverse cell: the character under it, or a space at the end (and before a row's break).
  const at = Math.min(masked ? [...value.slice(0, cursor)].length : cursor, shown.length);
  const under = [...shown.slice(at)][0] ?? ' ';
  return (
    <Text>
      {shown.slice(0, at)}
      <Text inverse>{under === '\n' ? ' ' : under}</Text>
      {under === '\n' ? '\n' : ''}
      {shown.slice(at + under.length)}
    </Text>
  );
}
