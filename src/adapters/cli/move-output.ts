import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import {
  PHASES,
  type MoveReport,
  type Phase,
  type Progress,
  type Settlement,
  type VerifyReport,
} from '../../shard-router/move';

/** One progress bar per move phase on an interactive terminal; nothing elsewhere (pipes, tests). */
export const phaseBars = (stream: NodeJS.WritableStream | undefined) => {
  if (!stream) return { update: (_p: Progress) => undefined, stop: () => undefined };
  const multi = new MultiBar(
    { stream, format: '{phase} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  const bars = new Map<Phase, SingleBar>();
  return {
    update: (p: Progress) => {
      const bar = bars.get(p.phase) ?? multi.create(Math.max(p.total, 1), 0, { phase: p.phase.padEnd(8) });
      bars.set(p.phase, bar);
      bar.setTotal(Math.max(p.total, 1));
      bar.update(p.done, { phase: p.phase.padEnd(8) });
    },
    stop: () => multi.stop(),
  };
};

/** The verification table: rows on each side and the chunks that differ. */
export const verifyLines = (v: VerifyReport): string[] => [
  `verification: ${v.ok ? 'identical' : 'DIFFERENCES FOUND'}${v.excludedKeys > 0 ? ` (${v.excludedKeys} keys still catching up left out)` : ''}`,
  ...v.tables.map(
    (t) =>
      `  ${t.table.padEnd(18)} source ${String(t.sourceRows).padStart(8)}  target ${String(t.targetRows).padStart(8)}  ` +
      `${t.differingChunks.length === 0 ? 'ok' : `differs in chunks ${t.differingChunks.join(', ')}`}`,
  ),
];

/** The summary a finished (or dry-run) move prints. */
export const summaryLines = (r: MoveReport): string[] => {
  const rows = Object.entries(r.rows).map(([t, n]) => `  ${t.padEnd(18)} ${String(n).padStart(8)}`);
  if (r.dryRun) {
    return [
      `dry run: team ${r.teamId} would move from ${r.from} to ${r.to} (epoch ${r.epoch} -> ${r.epoch + 1})`,
      ...rows,
    ];
  }
  return [
    `moved team ${r.teamId} from ${r.from} to ${r.to}, now at epoch ${r.epoch}`,
    'rows copied:',
    ...rows,
    `copy: ${r.copyMs} ms, ${r.rowsPerSecond} rows/s; ${r.changesApplied} captured changes applied`,
    ...(r.verify ? verifyLines(r.verify) : []),
    `write pause: ${r.pauseMs} ms (cutover attempt ${r.cutoverAttempts})`,
    `pruned from ${r.from}: ${r.pruned} rows`,
    ...r.warnings.map((w) => `WARNING: ${w}`),
  ];
};

/** What settling an interrupted move (--resume, --abort, or automatically) did, in one line. */
export const settlementLine = (s: Settlement): string =>
  s.outcome === 'finished'
    ? `team ${s.teamId}: the move from ${s.from} to ${s.to} (interrupted at ${s.phase}) is finished; ` +
      `it lives on ${s.to}${s.move ? ' (moved again from the start)' : `, ${s.pruned} rows pruned from ${s.from}`}`
    : `team ${s.teamId}: the move from ${s.from} to ${s.to} (interrupted at ${s.phase}) is rolled back; ` +
      `it lives on ${s.from}`;

export { PHASES };
