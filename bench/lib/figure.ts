/** What a benchmark figure is and what it reports: one script per figure in bench/figures/. */

export interface Row {
  /** What was measured, e.g. "container_inspect median". */
  metric: string;
  /** The server's figure. */
  subject: number;
  /** The same thing done without the server, measured in the same run. */
  baseline: number;
  /** Unit of subject and baseline: "ms", "MiB", "calls/s". */
  unit: string;
  /** What the baseline is, e.g. "direct keep-alive HTTP to the socket". */
  baselineLabel: string;
  /** The target, when the issue sets one. */
  target?: { ratioAtMost?: number; ratioAtLeast?: number; subjectAtMost?: number };
  note?: string;
}

export interface Figure {
  /** Short name for `npm run bench -- NAME`. */
  name: string;
  title: string;
  run(): Promise<Row[]>;
}

export function ratio(row: Row): number {
  return row.baseline === 0 ? NaN : row.subject / row.baseline;
}

export function meetsTarget(row: Row): boolean | undefined {
  if (!row.target) return undefined;
  const okRatio =
    (row.target.ratioAtMost === undefined || ratio(row) <= row.target.ratioAtMost) &&
    (row.target.ratioAtLeast === undefined || ratio(row) >= row.target.ratioAtLeast);
  const okValue = row.target.subjectAtMost === undefined || row.subject <= row.target.subjectAtMost;
  return okRatio && okValue;
}
