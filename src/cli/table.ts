/** Plain-text layouts for the default (non `--json`) output. */

const EMPTY = '-';

export type Cell = string | number | boolean | null | undefined;

/** Columns separated by two spaces and padded to the widest cell; the last column is not padded. */
export function renderTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cells = [headers, ...rows.map((row) => headers.map((_, i) => showCell(row[i])))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const lines = cells.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

/** `Label:  value` lines with the values aligned. */
export function renderFields(fields: readonly (readonly [string, Cell])[]): string {
  const width = Math.max(...fields.map(([label]) => label.length)) + 1;
  return fields.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${showCell(value)}\n`).join('');
}

function showCell(value: Cell): string {
  if (value === undefined || value === null || value === '') return EMPTY;
  // Names come from the service; keep one record on one line whatever they contain.
  return String(value).replace(/[\u0000-\u001f\u007f]/g, '?');
}
