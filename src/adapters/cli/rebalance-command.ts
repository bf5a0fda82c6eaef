import type { Command } from 'commander';
import type { TeamId } from '../../domain';
import { applyRebalance, planRebalance, type RebalancePlan } from '../../shard-router/move/rebalance';
import { pgMoveEnv } from '../pg/move';
import type { MoveCommandIo } from './move-commands';
import { phaseBars } from './move-output';
import { publisherFor } from './move-commands';

const planLines = (plan: RebalancePlan): string[] => {
  const teams = plan.moves.reduce((n, m) => n + m.teams.length, 0);
  const flows = new Map<string, number>();
  for (const m of plan.moves) flows.set(`${m.from} -> ${m.to}`, (flows.get(`${m.from} -> ${m.to}`) ?? 0) + 1);
  return [
    `rebalance: ${plan.moves.length} of 1024 slots and ${teams} teams move`,
    ...Object.keys(plan.before).map(
      (id) =>
        `  ${id.padEnd(12)} ${String(plan.before[id]).padStart(5)} -> ${String(plan.after[id]).padStart(5)} slots`,
    ),
    ...[...flows].map(([flow, n]) => `  ${flow}: ${n} slots`),
  ];
};

const rebalanceAction =
  (io: MoveCommandIo) => async (opts: { plan?: boolean; apply?: boolean; maxPauseMs?: string; json?: boolean }) => {
    if (opts.plan === opts.apply) throw new Error('say either --plan or --apply');
    await io.withStorage(async ({ rt }) => {
      const listTeams = async () =>
        (await rt.catalog.query<{ id: TeamId }>('SELECT id FROM teams')).rows.map((r) => r.id);
      const plan = await planRebalance(rt.placements, await listTeams());
      if (opts.plan) return opts.json ? io.out(JSON.stringify(plan)) : planLines(plan).forEach(io.out);
      const control = publisherFor(io);
      const controller = new AbortController();
      const onInterrupt = () => controller.abort();
      process.once('SIGINT', onInterrupt);
      const bars = phaseBars(opts.json ? undefined : io.progress);
      try {
        const env = pgMoveEnv(rt, control.publish);
        const maxPauseMs = opts.maxPauseMs === undefined ? undefined : Number(opts.maxPauseMs);
        const outcome = await applyRebalance(env, plan, listTeams, {
          ...(maxPauseMs !== undefined && { maxPauseMs }),
          signal: controller.signal,
          onProgress: bars.update,
        });
        bars.stop();
        if (opts.json) return io.out(JSON.stringify(outcome));
        io.out(`rebalance: ${outcome.slotsMoved} slots reassigned, ${outcome.moved.length} teams moved`);
        const pauses = outcome.moved.map((m) => m.pauseMs);
        if (pauses.length > 0) io.out(`write pause: max ${Math.max(...pauses)} ms`);
        outcome.failed.forEach((f) => io.out(`FAILED ${f.teamId}: ${f.error} (it stays on its shard)`));
      } finally {
        bars.stop();
        process.off('SIGINT', onInterrupt);
        await control.close();
      }
    });
  };

/** Adds `rebalance --plan|--apply`. */
export const addRebalanceCommand = (program: Command, io: MoveCommandIo): void => {
  program
    .command('rebalance')
    .option('--plan', 'show which slots and teams would move to even out the shards')
    .option('--apply', 'carry the plan out, slot by slot and team by team')
    .option('--max-pause-ms <ms>', 'longest each team may be held at its cutover (default 250)')
    .option('--json', 'machine-readable output')
    .description('spread the slots evenly over the registered shards (after adding one)')
    .action(rebalanceAction(io));
};
