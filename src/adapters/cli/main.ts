import { Command } from 'commander';
import { isLeft } from 'fp-ts/Either';
import { configFromEnv } from '../config/config';
import { Uuid, type TeamId } from '../../domain';
import { migrateAndSeed } from '../storage/postgres-runtime';
import { slotOf } from '../../shard-router/stable-hash';
import { connectStorage, type CliStorage } from './connect';
import { shardStats, SHARD_TABLES } from './shard-stats';
import { addMoveCommands, settleExpiredMoves } from './move-commands';
import { addRebalanceCommand } from './rebalance-command';

/** Where the CLI writes; tests capture it. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Where progress bars are drawn (the terminal); none when absent. */
  readonly progress?: NodeJS.WritableStream;
  /** Notes beside the output (stderr), such as interrupted moves settled before the command. */
  readonly note?: (line: string) => void;
}

/** Runs a command on the configured databases; first settles moves whose mover died (not before `migrate`). */
const withStorage = async (
  io: CliIo,
  work: (s: CliStorage) => Promise<void>,
  settleFirst: boolean | { readonly except: TeamId } = true,
): Promise<void> => {
  const storage = await connectStorage(configFromEnv(io.env));
  try {
    const except = typeof settleFirst === 'object' ? settleFirst.except : null;
    if (settleFirst !== false) await settleExpiredMoves(io, storage.rt, except);
    await work(storage);
  } finally {
    await storage.release();
  }
};

const table = (rows: readonly (readonly string[])[]): string[] => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
};

const migrateCommand = (io: CliIo) => async () =>
  withStorage(
    io,
    async ({ rt }) => {
      const { applied } = await migrateAndSeed(rt);
      for (const [db, files] of Object.entries(applied)) {
        io.out(`${db}: ${files.length === 0 ? 'up to date' : `applied ${files.join(', ')}`}`);
      }
      // Settled after the schema is current: the lease columns may have just arrived.
      await settleExpiredMoves(io, rt);
    },
    false,
  );

const shardsCommand = (io: CliIo) => async (opts: { json?: boolean }) =>
  withStorage(io, async ({ rt }) => {
    const slotMap = await rt.placements.slotMap()();
    if (isLeft(slotMap)) throw new Error(slotMap.left.message);
    const slotsOf = (id: string) => [...slotMap.right.values()].filter((s) => s === id).length;
    const stats = await Promise.all([...rt.shards].map(([id, pool]) => shardStats(id, pool, slotsOf(id))));
    if (opts.json) return io.out(JSON.stringify(stats, null, 2));
    const header = ['shard', 'health', 'slots', 'teams', ...SHARD_TABLES, 'size'];
    const rows = stats.map((s) => [
      s.id,
      s.healthy ? `ok ${s.latencyMs} ms` : `DOWN (${s.error})`,
      String(s.slots),
      String(s.teams),
      ...SHARD_TABLES.map((t) => String(s.rows[t] ?? '-')),
      `${(s.sizeBytes / 1024 / 1024).toFixed(1)} MiB`,
    ]);
    table([header, ...rows]).forEach(io.out);
  });

const whereCommand = (io: CliIo) => async (teamId: string, opts: { json?: boolean }) => {
  const id = Uuid.decode(teamId.toLowerCase());
  if (isLeft(id)) throw new Error(`not a team id (UUID): ${teamId}`);
  await withStorage(io, async ({ rt }) => {
    const placement = await rt.router.where(id.right)();
    if (isLeft(placement)) throw new Error(placement.left.message);
    const p = placement.right;
    if (opts.json) return io.out(JSON.stringify(p));
    io.out(`team ${p.teamId}: slot ${slotOf(p.teamId)}, shard ${p.shardId}, epoch ${p.epoch}`);
    io.out(p.overridden ? 'placed by a per-team override' : 'placed by its slot');
  });
};

/** The `boardroom` operator CLI. */
export const buildProgram = (io: CliIo): Command => {
  const program = new Command('boardroom').description('Boardroom operator commands').exitOverride();
  program
    .command('migrate')
    .description('apply pending migrations to the catalog and every shard, and register the shards')
    .action(migrateCommand(io));
  program
    .command('shards')
    .description('health, slots, teams, row counts and size of every shard')
    .option('--json', 'machine-readable output')
    .action(shardsCommand(io));
  program
    .command('where')
    .argument('<teamId>', 'the team id')
    .description("the team's slot, shard, epoch and whether an override places it")
    .option('--json', 'machine-readable output')
    .action(whereCommand(io));
  const moveIo = {
    ...io,
    withStorage: (work: (s: CliStorage) => Promise<void>, except?: TeamId) =>
      withStorage(io, work, except === undefined ? true : { except }),
  };
  addMoveCommands(program, moveIo);
  addRebalanceCommand(program, moveIo);
  return program;
};
