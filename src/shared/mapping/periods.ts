/**
 * A partner's period column read as what Sprig's indicator views need: a label, the first
 * day and the last day. Years ("2023"), financial years ("2023/24", starting in the month
 * the user says: April in the UK, July in Australia, October for the US federal year),
 * quarters ("2023 Q1", "Q1 2023", "2023-Q1"), months ("2023-01", "Jan 2023") and dates
 * ("2023-09-30"). A date may also stand for the month, quarter or year it falls in (BIS
 * dates each quarter by its last day). Labels are written as the demo's are (src/shared/format.ts
 * `formatPeriod` shows them in the reader's language).
 */

export const periodKinds = ['year', 'financial-year', 'quarter', 'month', 'date'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export interface ParsedPeriod {
  label: string;
  /** ISO dates, both inclusive. */
  start: string;
  end: string;
}

export interface PeriodOptions {
  /** The month (1–12) a financial year starts in; April unless said. */
  financialYearStart?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** The last day of a month (month 1–12). */
function lastDay(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function validYear(year: number): boolean {
  return year >= 1000 && year <= 2999;
}

interface Day {
  year: number;
  month: number;
  day: number;
}

/** "2023-09-30", "2023-09-30 00:00:00", "2023-09-30T00:00:00Z": the day, checked to exist. */
function readDay(text: string): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validYear(year) || iso(year, month, day) !== `${m[1]}-${m[2]}-${m[3]}`) return undefined;
  return { year, month, day };
}

function yearPeriod(year: number): ParsedPeriod {
  return { label: String(year), start: iso(year, 1, 1), end: iso(year, 12, 31) };
}

function monthPeriod(year: number, month: number): ParsedPeriod {
  return { label: `${MONTH_LABELS[month - 1]} ${year}`, start: iso(year, month, 1), end: lastDay(year, month) };
}

function quarterPeriod(year: number, quarter: number): ParsedPeriod {
  const first = (quarter - 1) * 3 + 1;
  return { label: `Q${quarter} ${year}`, start: iso(year, first, 1), end: lastDay(year, first + 2) };
}

/** The financial year that starts in `year` (at `startMonth`): "2023/24". */
function financialYearPeriod(year: number, startMonth: number): ParsedPeriod {
  const label = `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
  return { label, start: iso(year, startMonth, 1), end: lastDay(year + 1, startMonth - 1 || 12) };
}

function readYear(text: string): number | undefined {
  const m = /^(\d{4})(?:\.0+)?$/.exec(text);
  return m && validYear(Number(m[1])) ? Number(m[1]) : undefined;
}

function readQuarter(text: string): { year: number; quarter: number } | undefined {
  const m = /^(\d{4})\s*[-/ ]?\s*Q([1-4])$/i.exec(text) ?? /^Q([1-4])\s*[-/ ]?\s*(\d{4})$/i.exec(text);
  if (!m) return undefined;
  const [year, quarter] = /^\d{4}/.test(m[1]!) ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])];
  return validYear(year) ? { year, quarter } : undefined;
}

function readMonth(text: string): { year: number; month: number } | undefined {
  let m = /^(\d{4})[-/](\d{1,2})$/.exec(text) ?? /^(\d{4})M(\d{2})$/i.exec(text);
  if (m) {
    const [year, month] = [Number(m[1]), Number(m[2])];
    return validYear(year) && month >= 1 && month <= 12 ? { year, month } : undefined;
  }
  m = /^([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1;
    const name = m[1]!.toLowerCase();
    const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][month - 1];
    // "Jan", "Sept" and "January" are months; "Janitor 2023" is not.
    if (month > 0 && (name.length === 3 || name === 'sept' || name === full) && validYear(Number(m[2]))) return { year: Number(m[2]), month };
  }
  return undefined;
}

/** "2023/24", "2023-24", "2023/2024", "2023–24", "FY2023/24": the year it starts in. */
function readFinancialYear(text: string): number | undefined {
  const m = /^(?:FY\s*)?(\d{4})\s*[/–—-]\s*(\d{2}|\d{4})$/i.exec(text);
  if (!m) return undefined;
  const first = Number(m[1]);
  const second = Number(m[2]);
  const follows = m[2]!.length === 2 ? second === (first + 1) % 100 : second === first + 1;
  return follows && validYear(first) ? first : undefined;
}

/** The financial year a day falls in. */
function financialYearOf(day: Day, startMonth: number): number {
  return day.month >= startMonth ? day.year : day.year - 1;
}

/** One raw value of a period column (or a column's name) as a period of this kind, or undefined when it is not one. */
export function parsePeriod(raw: string, kind: PeriodKind, options: PeriodOptions = {}): ParsedPeriod | undefined {
  const text = raw.trim();
  const startMonth = options.financialYearStart ?? 4;
  const day = readDay(text);
  switch (kind) {
    case 'year': {
      const year = readYear(text) ?? day?.year;
      return year === undefined ? undefined : yearPeriod(year);
    }
    case 'financial-year': {
      if (startMonth === 1) return undefined;
      const year = readFinancialYear(text) ?? (day ? financialYearOf(day, startMonth) : undefined);
      return year === undefined ? undefined : financialYearPeriod(year, startMonth);
    }
    case 'quarter': {
      const q = readQuarter(text) ?? (day ? { year: day.year, quarter: Math.ceil(day.month / 3) } : undefined);
      return q ? quarterPeriod(q.year, q.quarter) : undefined;
    }
    case 'month': {
      const m = readMonth(text) ?? (day ? { year: day.year, month: day.month } : undefined);
      return m ? monthPeriod(m.year, m.month) : undefined;
    }
    case 'date':
      return day ? { label: iso(day.year, day.month, day.day), start: iso(day.year, day.month, day.day), end: iso(day.year, day.month, day.day) } : undefined;
  }
}

/**
 * The kind a column's values most plausibly are, or undefined when they are not periods.
 * Dates are read as what they mark when they all do: the first of January (years), quarter
 * ends (quarters), the first or last of a month (months); otherwise as days.
 */
export function guessPeriodKind(values: readonly string[]): PeriodKind | undefined {
  const texts = values.map((v) => v.trim()).filter((v) => v !== '');
  if (texts.length === 0) return undefined;
  const all = (test: (t: string) => boolean) => texts.every(test);
  if (all((t) => readYear(t) !== undefined)) return 'year';
  if (all((t) => readFinancialYear(t) !== undefined)) return 'financial-year';
  if (all((t) => readQuarter(t) !== undefined)) return 'quarter';
  if (all((t) => readMonth(t) !== undefined)) return 'month';
  const days = texts.map(readDay);
  if (days.some((d) => d === undefined)) return undefined;
  const known = days as Day[];
  if (known.every((d) => d.month === 1 && d.day === 1) && new Set(known.map((d) => d.year)).size === known.length) return 'year';
  const quarterEnd = (d: Day) => iso(d.year, d.month, d.day) === lastDay(d.year, d.month) && d.month % 3 === 0;
  const quarterStart = (d: Day) => d.day === 1 && d.month % 3 === 1;
  if ((known.every(quarterEnd) || known.every(quarterStart)) && distinctPeriods(known, 'quarter')) return 'quarter';
  const monthEdge = (d: Day) => d.day === 1 || iso(d.year, d.month, d.day) === lastDay(d.year, d.month);
  if (known.every(monthEdge) && distinctPeriods(known, 'month')) return 'month';
  return 'date';
}

/** Whether no two of the days fall in the same period of this kind (else they are days, not periods). */
function distinctPeriods(days: Day[], kind: 'quarter' | 'month'): boolean {
  const key = (d: Day) => (kind === 'quarter' ? `${d.year}-${Math.ceil(d.month / 3)}` : `${d.year}-${d.month}`);
  return new Set(days.map(key)).size === new Set(days.map((d) => iso(d.year, d.month, d.day))).size;
}

/** Epoch milliseconds of an ISO date (UTC midnight), as the indicator views hold period bounds. */
export function epochDay(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`);
}
