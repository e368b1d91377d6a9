/**
 * What every benchmark returns: a titled table, and notes saying how to read it. The runner prints
 * each and writes them all into docs/benchmarks.md.
 */
export interface BenchSection {
  title: string;
  rows: Array<Record<string, string | number>>;
  notes?: string[];
}

export interface BenchContext {
  /** Progress for the person watching (not written to the report). */
  log(line: string): void;
}

export type Benchmark = (context: BenchContext) => Promise<BenchSection>;

/** The value at quantile q (0..1) of the samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms` : '–';
}

export function ratio(value: number, baseline: number): string {
  return Number.isFinite(value) && baseline > 0 ? `${(value / baseline).toFixed(2)}×` : '–';
}

/** A Markdown table of the rows (columns from the first row's keys, then any others in order). */
export function markdownTable(rows: ReadonlyArray<Record<string, string | number>>): string {
  if (rows.length === 0) return '_(no rows)_';
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: string | number | undefined): string => String(value ?? '').replace(/\|/g, '\\|');
  return [
    `| ${columns.join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${columns.map((column) => cell(row[column])).join(' | ')} |`),
  ].join('\n');
}
