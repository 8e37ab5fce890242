import wrapAnsi from 'wrap-ansi';
import { approvalFields, REACH_LABEL } from './approval-card.js';
import type { ApprovalRequest } from '../events.js';
import { wrapProse } from '../../text/wrap-prose.js';

export interface ApprovalCardLines {
  title: string;
  /** `Tool: delete_everything`: the server picks the title, so the name it will be called by is shown too. */
  tool: string;
  /** `Reaches: people outside this workspace (…); money (…).` */
  reaches: string;
  description: string;
  /** One entry per argument, already wrapped: continuation rows are indented so they never read as a new field. */
  fields: Array<{ text: string; undeclared: boolean }>;
  /** Names the keys the tool's schema does not declare, or null when there are none. */
  undeclaredNote: string | null;
}

/** How far a wrapped value's continuation rows are indented under its `path:`. */
export const FIELD_CONTINUATION_INDENT = 2;

/** Marks a key the schema does not declare, right after its value. */
export const UNDECLARED_MARK = "(not in the tool's schema)";

/**
 * The approval card as text, for the chat's prompt box and headless mode's stderr alike, so both show the same
 * thing. `width` is the room for text (Infinity: no wrapping, the terminal does it).
 */
export function approvalCardLines(request: ApprovalRequest, width: number): ApprovalCardLines {
  const wrap = (text: string): string => (Number.isFinite(width) ? wrapProse(text, width) : text);
  // A request from an older or hand-built session may lack the flattened fields: they are derived from its args.
  const fields = Array.isArray(request.fields) ? request.fields : approvalFields({}, request.args ?? {}, []);
  const reaches = (Array.isArray(request.reaches) ? request.reaches : []).map((reach) => REACH_LABEL[reach] ?? reach);
  const undeclared = fields.filter((field) => field.undeclared).map((field) => field.path);
  return {
    title: wrap(`Approve ${request.title}?`),
    tool: wrap(`Tool: ${request.toolName}`),
    reaches: reaches.length > 0 ? wrap(`Reaches: ${reaches.join('; ')}.`) : '',
    description: wrap(request.description),
    fields: fields.map((field) => ({
      text: wrapField(`${field.path}: ${field.value}${field.undeclared ? ` ${UNDECLARED_MARK}` : ''}`, width),
      undeclared: field.undeclared === true,
    })),
    undeclaredNote:
      undeclared.length > 0
        ? wrap(`${undeclared.length === 1 ? '1 argument is' : `${undeclared.length} arguments are`} not in the tool's schema and will be sent anyway: ${undeclared.join(', ')}.`)
        : null,
  };
}

/** Wraps `path: value` with a hanging indent; a long URL with no spaces is broken wherever it must be, never cut. */
function wrapField(text: string, width: number): string {
  if (!Number.isFinite(width) || width <= FIELD_CONTINUATION_INDENT + 1) return text;
  const indent = ' '.repeat(FIELD_CONTINUATION_INDENT);
  return wrapAnsi(text, width - FIELD_CONTINUATION_INDENT, { hard: true, trim: true })
    .split('\n')
    .map((row, index) => (index === 0 ? row : indent + row))
    .join('\n');
}
