import { isDeepStrictEqual } from 'node:util';
import { applyEdits, modify, parse, printParseErrorCode, type FormattingOptions, type ParseError } from 'jsonc-parser';
import type { JsonFormat } from './client-definition.js';
import { ConnectError, describeOffset } from './connect-errors.js';

type JsonObject = Record<string, unknown>;

/**
 * Reads a client's JSON or JSONC config. A missing or blank file is an empty object; anything that does not parse,
 * or whose top level (or server container) is not an object, is refused: we never rewrite a file we cannot read.
 * The message names the position only, never the text there (a broken line may hold someone's key).
 */
export function readJsonConfig(text: string, file: string, format: JsonFormat): JsonObject {
  if (text.trim() === '') return {};
  const errors: ParseError[] = [];
  const root: unknown = parse(text, errors, { allowTrailingComma: format.comments, disallowComments: !format.comments, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const kind = format.comments ? 'JSON (comments allowed)' : 'JSON';
    throw new ConnectError('unparseable', `${file} is not valid ${kind}: ${printParseErrorCode(first.error)} at ${describeOffset(text, first.offset)}. Nothing was written.`, 'Fix the file (or move it aside) and run connect again.');
  }
  if (!isObject(root)) throw layoutError(file, 'its top level is not an object');
  const container = root[format.container];
  if (container !== undefined && !isObject(container)) throw layoutError(file, `"${format.container}" is not an object`);
  if (format.input && root.inputs !== undefined && !Array.isArray(root.inputs)) throw layoutError(file, '"inputs" is not an array');
  return root;
}

/** The entry already under `name`, if any. */
export function existingJsonEntry(root: JsonObject, format: JsonFormat, name: string): unknown {
  const container = root[format.container];
  return isObject(container) && Object.hasOwn(container, name) ? container[name] : undefined;
}

/** True when the file already holds exactly this entry (and its input), so a re-run changes nothing. */
export function jsonEntryMatches(root: JsonObject, format: JsonFormat, name: string, entry: JsonObject): boolean {
  if (!isDeepStrictEqual(existingJsonEntry(root, format, name), entry)) return false;
  const input = format.input;
  return input === undefined || (Array.isArray(root.inputs) && root.inputs.some((item) => isDeepStrictEqual(item, input)));
}

/**
 * Sets `container.name = entry` (and VS Code's input) by text edits, so comments, order and layout elsewhere stay
 * as they were. The result is parsed back and must equal the old content plus exactly this change.
 */
export function setJsonServer(text: string, file: string, format: JsonFormat, name: string, entry: JsonObject): string {
  const root = readJsonConfig(text, file, format);
  const options = formattingOf(text);
  let edited = text.trim() === '' ? `{}${options.eol}` : text;
  edited = applyEdits(edited, modify(edited, [format.container, name], entry, { formattingOptions: options }));
  const expected: JsonObject = { ...root, [format.container]: { ...(root[format.container] as JsonObject | undefined), [name]: entry } };
  const input = format.input;
  if (input) {
    const inputs = Array.isArray(root.inputs) ? root.inputs : undefined;
    const index = inputs?.findIndex((item) => isObject(item) && item.id === input.id) ?? -1;
    const edits =
      inputs === undefined
        ? modify(edited, ['inputs'], [input], { formattingOptions: options })
        : modify(edited, ['inputs', index], input, { formattingOptions: options, isArrayInsertion: index === -1 });
    edited = applyEdits(edited, edits);
    expected.inputs = inputs === undefined ? [input] : index === -1 ? [...inputs, input] : inputs.map((item, position) => (position === index ? input : item));
  }
  return checked(edited, expected, file, format);
}

/** Removes `container.name`, and VS Code's input when no other server still refers to it. */
export function removeJsonServer(text: string, file: string, format: JsonFormat, name: string): string {
  const root = readJsonConfig(text, file, format);
  const options = formattingOf(text);
  let edited = applyEdits(text, modify(text, [format.container, name], undefined, { formattingOptions: options }));
  const remaining = { ...(root[format.container] as JsonObject) };
  delete remaining[name];
  const expected: JsonObject = { ...root, [format.container]: remaining };
  const input = format.input;
  if (input && Array.isArray(root.inputs) && !JSON.stringify(remaining).includes(`\${input:${input.id}}`)) {
    const index = root.inputs.findIndex((item) => isObject(item) && item.id === input.id);
    if (index !== -1) {
      edited = applyEdits(edited, modify(edited, ['inputs', index], undefined, { formattingOptions: options }));
      expected.inputs = root.inputs.filter((_, position) => position !== index);
    }
  }
  return checked(edited, expected, file, format);
}

function checked(edited: string, expected: JsonObject, file: string, format: JsonFormat): string {
  const errors: ParseError[] = [];
  const result: unknown = parse(edited, errors, { allowTrailingComma: format.comments, disallowComments: !format.comments });
  if (errors.length > 0 || !isDeepStrictEqual(result, expected)) {
    throw new ConnectError('unsupported-layout', `Editing ${file} would have changed more than the favcrm entry, so nothing was written.`, 'Add the entry by hand (see `connect --dry-run`), or report this file layout as a bug.');
  }
  return edited.endsWith('\n') ? edited : `${edited}${formattingOf(edited).eol}`;
}

/** The file's own indentation and line ending, so the new entry looks like the rest. */
function formattingOf(text: string): FormattingOptions & { eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)["}\]/]/m.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent ? indent.length : 2, eol };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function layoutError(file: string, why: string): ConnectError {
  return new ConnectError('unsupported-layout', `${file} cannot be edited safely: ${why}. Nothing was written.`, 'Fix the file (or move it aside) and run connect again.');
}
