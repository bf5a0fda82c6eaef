import * as E from 'fp-ts/Either';
import { resolvePlacement, type Placement } from '../placement';
import type { MoveShard } from './ports';
import { MoveRefused, type MoveEnv, type MoveOptions, type MoveReport } from './types';

/** Checks the request and reads where the team is; refuses moves that cannot work. */
export const plan = async (env: MoveEnv, opts: MoveOptions): Promise<Placement> => {
  const placement = await resolvePlacement(env.placements)(opts.teamId)();
  if (E.isLeft(placement)) throw new Error(placement.left.message);
  const from = placement.right.shardId;
  if (from === opts.to) throw new MoveRefused(`team ${opts.teamId} already lives on ${opts.to}`);
  if (!env.shards.has(from)) throw new MoveRefused(`the team's shard ${from} is not configured here`);
  if (!env.shards.has(opts.to)) throw new MoveRefused(`shard ${opts.to} is not configured here (SHARD_URLS)`);
  const registered = await env.placements.shards()();
  if (E.isLeft(registered) || !registered.right.some((s) => s.id === opts.to)) {
    throw new MoveRefused(`shard ${opts.to} is not registered; run \`boardroom migrate\` with it in SHARD_URLS`);
  }
  return placement.right;
};

export const dryRunReport = async (env: MoveEnv, opts: MoveOptions, placement: Placement): Promise<MoveReport> => {
  const rows = await (env.shards.get(placement.shardId) as MoveShard).countRows(opts.teamId);
  return {
    teamId: opts.teamId,
    from: placement.shardId,
    to: opts.to,
    dryRun: true,
    epoch: placement.epoch,
    rows,
    copyMs: 0,
    rowsPerSecond: 0,
    changesApplied: 0,
    verify: null,
    pauseMs: 0,
    cutoverAttempts: 0,
    pruned: 0,
    warnings: [],
  };
};
