import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type { AppError, TeamId } from '../../domain';
import type { PlacementStore, ShardId } from '../placement';
import { SLOT_COUNT, slotOf } from '../stable-hash';
import { moveTeam } from './move-team';
import type { MoveEnv, MoveReport, Progress } from './types';

/** One slot changing shard, with the teams that live by it (no override) and so move with it. */
export interface SlotMove {
  readonly slot: number;
  readonly from: ShardId;
  readonly to: ShardId;
  readonly teams: readonly TeamId[];
}

export interface RebalancePlan {
  /** Slots per shard now and after the plan. */
  readonly before: Readonly<Record<ShardId, number>>;
  readonly after: Readonly<Record<ShardId, number>>;
  readonly moves: readonly SlotMove[];
}

const unwrap = async <A>(te: TE.TaskEither<AppError, A>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

/**
 * Even shares of the 1024 slots over the active shards: each shard above its share gives its
 * highest-numbered slots to the shards below theirs, so about 1/N of the slots (and teams) move when
 * an N-th shard joins, and nothing moves when the map is already even.
 */
export const planSlots = (slotMap: ReadonlyMap<number, ShardId>, shardIds: readonly ShardId[]) => {
  const owned = new Map(shardIds.map((id) => [id, [] as number[]]));
  for (const [slot, shard] of [...slotMap].sort((a, b) => a[0] - b[0])) owned.get(shard)?.push(slot);
  const share = (i: number) => Math.floor(SLOT_COUNT / shardIds.length) + (i < SLOT_COUNT % shardIds.length ? 1 : 0);
  const ranked = [...shardIds].sort((a, b) => (owned.get(b)?.length ?? 0) - (owned.get(a)?.length ?? 0));
  const quota = new Map(ranked.map((id, i) => [id, share(i)]));
  const spare: { slot: number; from: ShardId }[] = [];
  for (const id of ranked) {
    const slots = owned.get(id) ?? [];
    while (slots.length > (quota.get(id) ?? 0)) spare.push({ slot: slots.pop() as number, from: id });
  }
  const moves: { slot: number; from: ShardId; to: ShardId }[] = [];
  for (const id of ranked) {
    const slots = owned.get(id) ?? [];
    while (slots.length < (quota.get(id) ?? 0) && spare.length > 0) {
      const next = spare.shift() as { slot: number; from: ShardId };
      slots.push(next.slot);
      moves.push({ ...next, to: id });
    }
  }
  return { owned, moves };
};

/** The teams of the catalog that live by their slot (no override), grouped by slot, for the given slots. */
const teamsBySlot = async (placements: PlacementStore, teams: readonly TeamId[], slots: ReadonlySet<number>) => {
  const bySlot = new Map<number, TeamId[]>();
  for (const teamId of teams) {
    const slot = slotOf(teamId);
    if (!slots.has(slot)) continue;
    const override = await unwrap(placements.override(teamId));
    if (override._tag === 'None') bySlot.set(slot, [...(bySlot.get(slot) ?? []), teamId]);
  }
  return bySlot;
};

/** The rebalance plan for the registered active shards; `teams` is every team id in the catalog. */
export const planRebalance = async (placements: PlacementStore, teams: readonly TeamId[]): Promise<RebalancePlan> => {
  const [slotMap, shards] = await Promise.all([unwrap(placements.slotMap()), unwrap(placements.shards())]);
  const active = shards.filter((s) => s.state === 'active').map((s) => s.id);
  const count = (m: ReadonlyMap<number, ShardId>) =>
    Object.fromEntries(active.map((id) => [id, [...m.values()].filter((s) => s === id).length]));
  const { moves } = planSlots(slotMap, active);
  const bySlot = await teamsBySlot(placements, teams, new Set(moves.map((m) => m.slot)));
  const after = new Map(slotMap);
  for (const m of moves) after.set(m.slot, m.to);
  return {
    before: count(slotMap),
    after: count(after),
    moves: moves.map((m) => ({ ...m, teams: bySlot.get(m.slot) ?? [] })),
  };
};

export interface RebalanceOutcome {
  readonly slotsMoved: number;
  readonly moved: readonly MoveReport[];
  /** Teams whose move failed: they stay, pinned, on their old shard; re-run `move-team` for them. */
  readonly failed: readonly { readonly teamId: TeamId; readonly error: string }[];
}

/**
 * Carries a plan out slot by slot: pin the slot's teams to their shard and hand the slot over (new teams
 * of the slot start on the new shard), then move each pinned team with the tenant-move machinery. The
 * slot's teams are listed again (`listTeams`) right before its handover, so teams created since the
 * plan are pinned too.
 */
export const applyRebalance = async (
  env: MoveEnv,
  plan: RebalancePlan,
  listTeams: () => Promise<readonly TeamId[]>,
  opts: { readonly maxPauseMs?: number; readonly signal?: AbortSignal; readonly onProgress?: (p: Progress) => void },
): Promise<RebalanceOutcome> => {
  const moved: MoveReport[] = [];
  const failed: { teamId: TeamId; error: string }[] = [];
  let slotsMoved = 0;
  for (const m of plan.moves) {
    if (opts.signal?.aborted) break;
    const teams = (await teamsBySlot(env.placements, await listTeams(), new Set([m.slot]))).get(m.slot) ?? [];
    await unwrap(env.placements.reassignSlot(m.slot, m.to, teams));
    slotsMoved++;
    for (const teamId of teams) {
      const r = await moveTeam(env, { ...opts, teamId, to: m.to })();
      if (E.isRight(r)) moved.push(r.right);
      else failed.push({ teamId, error: r.left.message });
    }
  }
  return { slotsMoved, moved, failed };
};
