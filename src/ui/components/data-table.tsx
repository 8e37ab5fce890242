import { Box, Text } from 'ink';
import { toTableModel, truncateCell, TABLE_MAX_ROWS } from '../format/table-model.js';

export interface DataTableProps {
  data: unknown;
  columns?: number;
  maxRows?: number;
  /** Total rows when `data` is only a preview (approval prompts). */
  total?: number;
}

/** Widest a cell may be, so four columns fit a normal terminal. */
const MAX_CELL_WIDTH = 24;

/** A small table for list-like tool results; renders nothing for data that is not a list of records. */
export function DataTable({ data, columns = 80, maxRows = TABLE_MAX_ROWS, total }: DataTableProps) {
  const model = toTableModel(data, maxRows);
  if (!model) return null;
  const cellWidth = Math.max(6, Math.min(MAX_CELL_WIDTH, Math.floor((columns - 2) / model.columns.length) - 2));
  const widths = model.headers.map((header, index) =>
    Math.min(cellWidth, Math.max(header.length, ...model.rows.map((row) => (row[index] ?? '').length))),
  );
  const line = (cells: string[]) => cells.map((cell, index) => truncateCell(cell, widths[index] ?? cellWidth).padEnd(widths[index] ?? cellWidth)).join('  ');
  const hidden = total !== undefined ? Math.max(0, total - model.rows.length) : model.hiddenRows;
  return (
    <Box flexDirection="column" marginLeft={2}>
      <Text bold>{line(model.headers)}</Text>
      {model.rows.map((row, index) => (
        <Text key={index}>{line(row)}</Text>
      ))}
      {hidden > 0 ? <Text dimColor>{`… ${hidden} more`}</Text> : null}
    </Box>
  );
}
