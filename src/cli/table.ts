/** Plain-text tables for a terminal: columns padded to their widest cell. */

/** Lays out `rows` (the first is the header) in columns, two spaces apart; the last column is not padded. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `2025-01-13 Mon`: an ISO date with its day of the week. */
export function dayAndDate(date: string): string {
  return `${date} ${DAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]}`;
}
