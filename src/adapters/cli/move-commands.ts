import type { Command } from 'commander';
import { isLeft } from 'fp-ts/Either';
import pino from 'pino';
import { Uuid, type TeamId } from '../../domain';
import type { ControlMessage } from '../../application/ports';
import { loadShapes, moveTeam, verifyTeam, type MoveEnv } from '../../shard-router/move';
import { configFromEnv } from '../config/config';
import { RedisControlBus } from '../redis/control-bus';
import type { CliStorage } from './connect';
import { phaseBars, summaryLines, verifyLines } from './move-output';

/** What the move commands need from the CLI around them. */
export interface MoveCommandIo {
  readonly out: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Where progress bars go (a TTY); none when absent. */
  readonly progress?: NodeJS.WritableStream;
  readonly withStorage: (work: (s: CliStorage) => Promise<void>) => Promise<void>;
}

export const teamIdOf = (raw: string): TeamId => {
  const id = Uuid.decode(raw.toLowerCase());
  if (isLeft(id)) throw new Error(`not a team id (UUID): ${raw}`);
  return id.right as TeamId;
};

/** The control channel to every instance; without REDIS_URL instances learn from fences and the TTL. */
export const publisherFor = (io: Pick<MoveCommandIo, 'env'>) => {
  const { redisUrl } = configFromEnv(io.env);
  if (redisUrl === null) return { publish: async (_m: ControlMessage) => undefined, close: async () => undefined };
  const bus = new RedisControlBus({ url: redisUrl, logger: pino({ level: 'silent' }) });
  return { publish: (m: ControlMessage) => bus.publish(m)(), close: () => bus.close() };
};

const moveAction =
  (io: MoveCommandIo) =>
  async (rawTeam: string, opts: { to: string; dryRun?: boolean; maxPauseMs?: string; json?: boolean }) => {
    const teamId = teamIdOf(rawTeam);
    const maxPauseMs = opts.maxPauseMs === undefined ? undefined : Number(opts.maxPauseMs);
    if (maxPauseMs !== undefined && !(maxPauseMs >= 10)) throw new Error('--max-pause-ms must be a number >= 10');
    await io.withStorage(async ({ rt }) => {
      const control = publisherFor(io);
      const controller = new AbortController();
      const onInterrupt = () => controller.abort();
      process.once('SIGINT', onInterrupt);
      const bars = phaseBars(opts.json ? undefined : io.progress);
      try {
        const env: MoveEnv = {
          catalog: rt.catalog,
          shards: rt.shards,
          placements: rt.placements,
          publish: control.publish,
        };
        const result = await moveTeam(env, {
          teamId,
          to: opts.to,
          dryRun: opts.dryRun === true,
          ...(maxPauseMs !== undefined && { maxPauseMs }),
          signal: controller.signal,
          onProgress: bars.update,
        })();
        bars.stop();
        if (isLeft(result)) throw new Error(result.left.message);
        if (opts.json) io.out(JSON.stringify(result.right));
        else summaryLines(result.right).forEach(io.out);
      } finally {
        bars.stop();
        process.off('SIGINT', onInterrupt);
        await control.close();
      }
    });
  };

const verifyAction =
  (io: MoveCommandIo) => async (rawTeam: string, opts: { to: string; from?: string; json?: boolean }) => {
    const teamId = teamIdOf(rawTeam);
    await io.withStorage(async ({ rt }) => {
      const placement = await rt.router.where(teamId)();
      if (isLeft(placement)) throw new Error(placement.left.message);
      const from = opts.from ?? placement.right.shardId;
      const source = rt.shards.get(from);
      const target = rt.shards.get(opts.to);
      if (!source || !target) throw new Error(`unknown shard ${source ? opts.to : from} (not in SHARD_URLS)`);
      const report = await verifyTeam(source, target, await loadShapes(source), teamId);
      if (opts.json) return io.out(JSON.stringify(report));
      io.out(`team ${teamId}: ${from} against ${opts.to}`);
      verifyLines(report).forEach(io.out);
    });
  };

/** Adds `move-team` and `verify-team` to the program. */
export const addMoveCommands = (program: Command, io: MoveCommandIo): void => {
  program
    .command('move-team')
    .argument('<teamId>', 'the team id')
    .requiredOption('--to <shardId>', 'the shard to move the team to')
    .option('--dry-run', 'only show what would move')
    .option('--max-pause-ms <ms>', 'longest the team may be held at cutover (default 250)')
    .option('--json', 'machine-readable summary')
    .description('move one team to another shard while it keeps working')
    .action(moveAction(io));
  program
    .command('verify-team')
    .argument('<teamId>', 'the team id')
    .requiredOption('--to <shardId>', 'the shard to compare with')
    .option('--from <shardId>', "the shard to compare (default: the team's shard)")
    .option('--json', 'machine-readable output')
    .description("compare the team's rows on two shards (counts and chunk hashes) and list differences")
    .action(verifyAction(io));
};
