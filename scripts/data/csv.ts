import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * CSV exactly as the package's dialect declares it: comma, double quotes doubled inside
 * quoted cells, "\n" line endings, UTF-8, empty cell = missing value. Cells are
 * formatted before they get here, so every number has one fixed spelling.
 */

/** A formatted cell; null is written as the empty cell (the package's missing value). */
export type Cell = string | null;

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\n`;
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (cell === '') throw new Error('an empty string would read back as a missing value; use null');
  return /[",\n\r]|^\s|\s$/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** A number with a fixed count of decimals; never "-0". */
export function decimal(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

export function integer(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`${value} is not an integer`);
  return String(value);
}

export function bool(value: boolean): string {
  return value ? 'true' : 'false';
}

export function optional<T>(value: T | null | undefined, format: (v: T) => string): Cell {
  return value === null || value === undefined ? null : format(value);
}

/**
 * Appends lines to a file through a buffer: the large benchmark packages (10 million
 * referrals) are streamed to disk, never held in memory.
 */
export class CsvWriter {
  private readonly fd: number;
  private buffer = '';
  rows = 0;

  constructor(file: string, header: readonly string[]) {
    this.fd = openSync(file, 'w');
    this.buffer = csvLine(header);
  }

  write(cells: readonly Cell[]): void {
    this.buffer += csvLine(cells);
    this.rows++;
    if (this.buffer.length > 1 << 20) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}
