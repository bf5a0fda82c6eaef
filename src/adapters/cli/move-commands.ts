import type { Command } from 'commander';
import { isLeft } from 'fp-ts/Either';
import pino from 'pino';
import { Uuid, type TeamId } from '../../domain';
import type { ControlMessage } from '../../application/ports';
import {
  abortMove,
  moveTeam,
  recoverExpiredMoves,
  resumeMove,
  type MoveEnv,
  type Settlement,
} from '../../shard-router/move';
import { openPgTransfer, pgMoveEnv } from '../pg/move';
import type { PostgresRuntime } from '../storage/postgres-runtime';
import { configFromEnv } from '../config/config';
import { RedisControlBus } from '../redis/control-bus';
import type { CliStorage } from './connect';
import { phaseBars, settlementLine, summaryLines, verifyLines } from './move-output';

/** What the move commands need from the CLI around them. */
export interface MoveCommandIo {
  readonly out: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Where progress bars go (a TTY); none when absent. */
  readonly progress?: NodeJS.WritableStream;
  /** Notes beside a command's output (stderr), so `--json` output stays parseable. */
  readonly note?: (line: string) => void;
  /** Runs `work` on the databases, after settling expired moves (all but `except`'s, which it settles itself). */
  readonly withStorage: (work: (s: CliStorage) => Promise<void>, except?: TeamId) => Promise<void>;
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

/** A publisher made only when something is published: most commands settle nothing. */
const lazyPublisher = (io: Pick<MoveCommandIo, 'env'>) => {
  let control: ReturnType<typeof publisherFor> | null = null;
  return {
    publish: (m: ControlMessage) => (control ??= publisherFor(io)).publish(m),
    close: async () => control?.close(),
  };
};

const envOf = (rt: PostgresRuntime, publish: MoveEnv['publish']): MoveEnv => pgMoveEnv(rt, publish);

/**
 * Settles the moves whose mover died (their lease ran out): run before every command, so an interrupted
 * move never outlives the next thing an operator does. Never fails the command it runs before.
 */
export const settleExpiredMoves = async (
  io: Pick<MoveCommandIo, 'env' | 'note'>,
  rt: PostgresRuntime,
  except: TeamId | null = null,
) => {
  const control = lazyPublisher(io);
  try {
    const { settled, failed } = await recoverExpiredMoves(envOf(rt, control.publish), except);
    settled.forEach((s) => io.note?.(`interrupted move settled: ${settlementLine(s)}`));
    failed.forEach((f) => io.note?.(`interrupted move of team ${f.teamId} not settled yet: ${f.error}`));
  } catch (err) {
    io.note?.(`could not look for interrupted moves: ${(err as Error).message}`);
  } finally {
    await control.close();
  }
};

interface MoveFlags {
  to?: string;
  resume?: boolean;
  abort?: boolean;
  dryRun?: boolean;
  maxPauseMs?: string;
  leaseMs?: string;
  json?: boolean;
}

const numberFlag = (raw: string | undefined, name: string, min: number): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!(n >= min)) throw new Error(`${name} must be a number >= ${min}`);
  return n;
};

/** Exactly one of --to, --resume and --abort says what to do. */
const intentOf = (opts: MoveFlags): 'move' | 'resume' | 'abort' => {
  const given = [opts.to !== undefined, opts.resume === true, opts.abort === true].filter(Boolean).length;
  if (given !== 1) throw new Error('say exactly one of --to <shardId>, --resume or --abort');
  if (opts.dryRun && opts.to === undefined) throw new Error('--dry-run goes with --to');
  return opts.resume ? 'resume' : opts.abort ? 'abort' : 'move';
};

const moveAction = (io: MoveCommandIo) => async (rawTeam: string, opts: MoveFlags) => {
  const teamId = teamIdOf(rawTeam);
  const intent = intentOf(opts);
  const maxPauseMs = numberFlag(opts.maxPauseMs, '--max-pause-ms', 10);
  const leaseMs = numberFlag(opts.leaseMs, '--lease-ms', 100);
  await io.withStorage(
    async ({ rt }) => {
      const control = publisherFor(io);
      const controller = new AbortController();
      const onInterrupt = () => controller.abort();
      process.once('SIGINT', onInterrupt);
      const bars = phaseBars(opts.json ? undefined : io.progress);
      try {
        const env = envOf(rt, control.publish);
        const common = {
          ...(maxPauseMs !== undefined && { maxPauseMs }),
          ...(leaseMs !== undefined && { leaseMs }),
          signal: controller.signal,
          onProgress: bars.update,
        };
        if (intent !== 'move') {
          const settled = await (intent === 'resume' ? resumeMove(env, teamId, common) : abortMove(env, teamId))();
          bars.stop();
          if (isLeft(settled)) throw new Error(settled.left.message);
          return void printSettlement(io, settled.right, opts.json === true);
        }
        const result = await moveTeam(env, {
          ...common,
          teamId,
          to: opts.to as string,
          dryRun: opts.dryRun === true,
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
      // --resume and --abort decide about this team's interrupted move themselves.
    },
    intent === 'move' ? undefined : teamId,
  );
};

const printSettlement = (io: MoveCommandIo, s: Settlement, json: boolean) => {
  if (json) return io.out(JSON.stringify(s));
  io.out(settlementLine(s));
  if (s.move) summaryLines(s.move).forEach(io.out);
};

const verifyAction =
  (io: MoveCommandIo) => async (rawTeam: string, opts: { to: string; from?: string; json?: boolean }) => {
    const teamId = teamIdOf(rawTeam);
    await io.withStorage(async ({ rt }) => {
      const placement = await rt.router.where(teamId)();
      if (isLeft(placement)) throw new Error(placement.left.message);
      const from = opts.from ?? placement.right.shardId;
      if (!rt.shards.has(from) || !rt.shards.has(opts.to)) {
        throw new Error(`unknown shard ${rt.shards.has(from) ? opts.to : from} (not in SHARD_URLS)`);
      }
      const report = await (await openPgTransfer(rt.shards)(from, opts.to)).verify(teamId);
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
    .option('--to <shardId>', 'the shard to move the team to')
    .option('--resume', "finish the team's interrupted move (its mover died) from its recorded phase")
    .option('--abort', "undo the team's interrupted move; refused once its placement flipped")
    .option('--dry-run', 'only show what would move')
    .option('--max-pause-ms <ms>', 'longest the team may be held at cutover; writes wait that long (default 250)')
    .option('--lease-ms <ms>', "how long the move's lease outlives a dead mover (default 30000)")
    .option('--json', 'machine-readable summary')
    .description('move one team to another shard while it keeps working; --resume or --abort an interrupted move')
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
