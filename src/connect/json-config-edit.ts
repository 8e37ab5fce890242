import { isDeepStrictEqual } from 'node:util';
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
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
 * Sets `container.name = entry` (and VS Code's input) by inserting or replacing only that text, so comments, order
 * and the layout of everything else stay byte for byte. The result is parsed back and must equal the old content
 * plus exactly this change.
 */
export function setJsonServer(text: string, file: string, format: JsonFormat, name: string, entry: JsonObject): string {
  const root = readJsonConfig(text, file, format);
  const style = styleOf(text);
  let edited = text.trim() === '' ? `{}${style.eol}` : text;
  edited = setMember(edited, format, [format.container], name, entry, style);
  const expected: JsonObject = { ...root, [format.container]: { ...(root[format.container] as JsonObject | undefined), [name]: entry } };
  const input = format.input;
  if (input) {
    const inputs = Array.isArray(root.inputs) ? root.inputs : undefined;
    const index = inputs?.findIndex((item) => isObject(item) && item.id === input.id) ?? -1;
    edited = setElement(edited, format, ['inputs'], index, input, style);
    expected.inputs = inputs === undefined ? [input] : index === -1 ? [...inputs, input] : inputs.map((item, position) => (position === index ? input : item));
  }
  return checked(edited, expected, file, format);
}

/** Removes `container.name`, and VS Code's input when no other server still refers to it. */
export function removeJsonServer(text: string, file: string, format: JsonFormat, name: string): string {
  const root = readJsonConfig(text, file, format);
  const entry = findNodeAtLocation(treeOf(text, format), [format.container, name])?.parent;
  let edited = entry ? removeChild(text, entry) : text;
  const remaining = { ...(root[format.container] as JsonObject) };
  delete remaining[name];
  const expected: JsonObject = { ...root, [format.container]: remaining };
  const input = format.input;
  if (input && Array.isArray(root.inputs) && !JSON.stringify(remaining).includes(`\${input:${input.id}}`)) {
    const index = root.inputs.findIndex((item) => isObject(item) && item.id === input.id);
    const element = index === -1 ? undefined : findNodeAtLocation(treeOf(edited, format), ['inputs'])?.children?.[index];
    if (element) {
      edited = removeChild(edited, element);
      expected.inputs = root.inputs.filter((_, position) => position !== index);
    }
  }
  return checked(edited, expected, file, format);
}

/**
 * Takes a member (or element) out with its own line and comma, leaving every other line as it was: the inverse of
 * `insertChild`. A comma left dangling after the new last child is removed too (strict JSON allows none).
 */
function removeChild(text: string, child: JsonNode): string {
  const siblings = child.parent?.children ?? [];
  const index = siblings.indexOf(child);
  const start = startsLine(text, child.offset) ? text.lastIndexOf('\n', child.offset - 1) + 1 : child.offset;
  let end = child.offset + child.length;
  const comma = significantAt(text, end);
  const hadComma = comma !== null && text[comma] === ',';
  if (hadComma) end = comma + 1;
  const lineRest = /^[ \t]*\r?\n/.exec(text.slice(end));
  if (lineRest && start !== child.offset) end += lineRest[0].length;
  let result = `${text.slice(0, start)}${text.slice(end)}`;
  const previous = siblings[index - 1];
  if (index === siblings.length - 1 && !hadComma && previous) {
    // The previous child's comma now trails the list.
    const dangling = significantAt(result, previous.offset + previous.length);
    if (dangling !== null && result[dangling] === ',') result = `${result.slice(0, dangling)}${result.slice(dangling + 1)}`;
  }
  return result;
}

/** The offset of the next character that is not whitespace or a comment, or null at the end. */
function significantAt(text: string, from: number): number | null {
  let index = from;
  while (index < text.length) {
    const char = text[index];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') index += 1;
    else if (text.startsWith('//', index)) index = text.indexOf('\n', index) === -1 ? text.length : text.indexOf('\n', index);
    else if (text.startsWith('/*', index)) index = text.indexOf('*/', index + 2) === -1 ? text.length : text.indexOf('*/', index + 2) + 2;
    else return index;
  }
  return null;
}

interface Style {
  eol: string;
  /** One level of indentation as the file writes it. */
  unit: string;
}

/** Sets `parent.key` in the object at `parentPath`, creating that object (as a member of the root) if missing. */
function setMember(text: string, format: JsonFormat, parentPath: string[], key: string, value: unknown, style: Style): string {
  const tree = treeOf(text, format);
  const existing = findNodeAtLocation(tree, [...parentPath, key]);
  if (existing) return replaceNode(text, existing, value, lineIndent(text, existing.parent?.offset ?? existing.offset), style);
  const parent = findNodeAtLocation(tree, parentPath);
  if (parent) return insertChild(text, parent, (indent) => `${JSON.stringify(key)}: ${pretty(value, indent, style)}`, style);
  const grand = parentPath.length === 1 ? tree : findNodeAtLocation(tree, parentPath.slice(0, -1));
  if (!grand) throw new Error(`no parent for ${parentPath.join('.')}`);
  return insertChild(text, grand, (indent) => `${JSON.stringify(parentPath.at(-1))}: ${pretty({ [key]: value }, indent, style)}`, style);
}

/** Replaces element `index` of the array at `arrayPath`, or appends (index -1), creating the array if missing. */
function setElement(text: string, format: JsonFormat, arrayPath: string[], index: number, value: unknown, style: Style): string {
  const tree = treeOf(text, format);
  const array = findNodeAtLocation(tree, arrayPath);
  if (!array) return insertChild(text, tree, (indent) => `${JSON.stringify(arrayPath.at(-1))}: ${pretty([value], indent, style)}`, style);
  const element = index === -1 ? undefined : array.children?.[index];
  if (element) return replaceNode(text, element, value, lineIndent(text, element.offset), style);
  return insertChild(text, array, (indent) => pretty(value, indent, style), style);
}

/** Adds a member or element after the container's last child, on its own line, indented like its siblings. */
function insertChild(text: string, container: JsonNode, member: (indent: string) => string, style: Style): string {
  const children = container.children ?? [];
  const containerIndent = lineIndent(text, container.offset);
  const last = children.at(-1);
  if (last) {
    const indent = startsLine(text, last.offset) ? lineIndent(text, last.offset) : `${containerIndent}${style.unit}`;
    const at = last.offset + last.length;
    // A trailing comma after the last child (JSONC) now follows the new one: still valid, still the file's style.
    return `${text.slice(0, at)},${style.eol}${indent}${member(indent)}${text.slice(at)}`;
  }
  const indent = `${containerIndent}${style.unit}`;
  const open = container.offset + 1;
  const close = container.offset + container.length - 1;
  const inside = text.slice(open, close);
  // An empty `{}` (or one holding only comments) gets the member on its own line; comments stay before it.
  const body = inside.trim() === '' ? '' : inside.replace(/\s+$/, '');
  return `${text.slice(0, open)}${body}${style.eol}${indent}${member(indent)}${style.eol}${containerIndent}${text.slice(close)}`;
}

function replaceNode(text: string, node: JsonNode, value: unknown, indent: string, style: Style): string {
  return `${text.slice(0, node.offset)}${pretty(value, indent, style)}${text.slice(node.offset + node.length)}`;
}

/** JSON with the file's indentation unit, continued lines indented to sit under `indent`. */
function pretty(value: unknown, indent: string, style: Style): string {
  return JSON.stringify(value, null, style.unit).split('\n').join(`${style.eol}${indent}`);
}

/** The whitespace that starts the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

function startsLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(lineStart, offset).trim() === '';
}

function treeOf(text: string, format: JsonFormat): JsonNode {
  const tree = parseTree(text, [], { allowTrailingComma: format.comments, disallowComments: !format.comments });
  if (!tree) throw new Error('unparseable JSON after reading it');
  return tree;
}

function checked(edited: string, expected: JsonObject, file: string, format: JsonFormat): string {
  const errors: ParseError[] = [];
  const result: unknown = parse(edited, errors, { allowTrailingComma: format.comments, disallowComments: !format.comments });
  if (errors.length > 0 || !isDeepStrictEqual(result, expected)) {
    throw new ConnectError('unsupported-layout', `Editing ${file} would have changed more than the favcrm entry, so nothing was written.`, 'Add the entry by hand (see `connect --dry-run`), or report this file layout as a bug.');
  }
  return edited.endsWith('\n') ? edited : `${edited}${styleOf(edited).eol}`;
}

/** The file's own indentation unit and line ending, so the new entry looks like the rest. */
function styleOf(text: string): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)["}\]/]/m.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { eol, unit: '\t' };
  return { eol, unit: ' '.repeat(indent ? Math.min(indent.length, 8) : 2) };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function layoutError(file: string, why: string): ConnectError {
  return new ConnectError('unsupported-layout', `${file} cannot be edited safely: ${why}. Nothing was written.`, 'Fix the file (or move it aside) and run connect again.');
}
