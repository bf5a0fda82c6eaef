import type { ScenarioResult } from './report';

/**
 * Planka on the side-by-side workload (20 concurrent movers; one mover's sequential moves), from an
 * earlier run. Planka cannot run on this machine, so T2 compares with these figures, not re-measured.
 */
export const PLANKA_RECORDED = { movesPerSecond: 37, sequentialMoveP50Ms: 35.7 } as const;

/** One of issue 13's ("board engine") targets, as the run's summary lists it. */
export interface IssueTarget {
  readonly ref: string;
  readonly wanted: string;
}

/** Issue 13's (board engine) and issue 14's (card model) targets, in the issues' order; scenarios tag their checks with these refs. */
export const ISSUE_13: readonly IssueTarget[] = [
  { ref: 'T1', wanted: 'durable moves/s, 20 movers on 20 boards over 2 instances >= 50 % of pgbench TPS' },
  { ref: 'T2', wanted: '>= 40x Planka (recorded figure: 37 moves/s, 20 concurrent movers)' },
  { ref: 'T3', wanted: 'one board, 1,000 moves/s offered over 2 instances, p99 ack <= 50 ms' },
  { ref: 'T4', wanted: 'move -> other client on the other instance at 200 moves/s, 1,000 subscribed' },
  { ref: 'T5', wanted: 'round trips per move: 1 to the shard, 0 to the catalog; Redis: the rate limit only' },
  { ref: 'T6', wanted: '5,000-card snapshot <= 50 ms server-side' },
  { ref: 'T7', wanted: '>= 100,000 deliveries/s per instance to 1,000 subscribers' },
  { ref: 'T8', wanted: 'stale-anchor refusals under 50 concurrent movers: 0' },
  // Issue 14 (the card model).
  { ref: 'T14a', wanted: '5,000-card board with labels, members, checklists: snapshot <= 50 ms server-side' },
  { ref: 'T14b', wanted: 'that board: first cards visible <= 1.5 s in Chromium' },
  { ref: 'T14c', wanted: 'that board: filter applied <= 100 ms' },
  { ref: 'T14d', wanted: 'team search over 50,000 cards on one shard: p95 <= 50 ms' },
  { ref: 'T14e', wanted: '25 MB attachment upload/download: instance memory grows < 10 MB' },
  // Issue 15 (imports).
  { ref: 'T15a', wanted: 'importing a 5,000-card Trello export <= 10 s' },
  { ref: 'T15b', wanted: 'that import: instance memory grows <= 200 MB' },
];

/** A summary line: a scenario's check for one issue target, or a target no scenario of the run reported. */
export interface SummaryRow {
  readonly ref: string;
  readonly scenario: string;
  readonly name: string;
  readonly target: string;
  readonly actual: string;
  /** Null: not measured in this run (scenario not selected or failed). */
  readonly met: boolean | null;
}

/**
 * Issue 13's targets as measured in this run. A scenario owned elsewhere, whose checks carry no ref,
 * is mapped whole by `untagged` (ref -> scenario id): all its checks count for that target.
 */
export const issueSummary = (
  results: readonly ScenarioResult[],
  untagged: Readonly<Record<string, string>>,
): SummaryRow[] =>
  ISSUE_13.flatMap(({ ref, wanted }): SummaryRow[] => {
    const rows = results.flatMap((r): SummaryRow[] =>
      r.targets
        .filter((t) => t.ref === ref || (t.ref === undefined && untagged[ref] === r.id))
        .map((t) => ({ ref, scenario: r.id, name: t.name, target: t.target, actual: t.actual, met: t.met })),
    );
    return rows.length > 0
      ? rows
      : [{ ref, scenario: '-', name: wanted, target: '-', actual: 'not measured', met: null }];
  });

/** The summary as printed at the end of a run. */
export const formatSummary = (rows: readonly SummaryRow[]): string => {
  const verdict = (met: boolean | null) => (met === null ? '----' : met ? 'MET ' : 'MISS');
  const lines = ['\n== Issue targets (13: board engine, 14: card model)'];
  for (const r of rows)
    lines.push(
      `  ${verdict(r.met)} ${r.ref.padEnd(4)} [${r.scenario}] ${r.name.padEnd(48)} target ${r.target}, actual ${r.actual}`,
    );
  return lines.join('\n');
};
