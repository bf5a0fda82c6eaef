import { asUuid, type TeamId } from '../../../src/domain';
import type { LeasePhase } from '../../../src/shard-router/move';
import { cliRunner, type SeededTeam } from '../support';
import { startInstance } from './instance';
import { cardIds, createCard, eventually, killMoverAt, shardState } from './killed-mover';
import { moveWorld, must, otherShard, seededCluster, seedTeam } from './setup';

jest.setTimeout(120_000);

const w = moveWorld(() => seededCluster({ shards: 2 }));

const run = cliRunner(
  () => w.cluster,
  () => w.redis.url,
);

/** The dead mover's session may take a moment to end and free the team's move lock. */
const runOnceUnlocked = async (...args: string[]): Promise<string[]> => {
  for (let i = 0; ; i++) {
    try {
      return await run(...args);
    } catch (err) {
      if (!/already running/.test((err as Error).message) || i > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
};

const where = (teamId: string) => must(w.op.rt.router.where(teamId as TeamId));

/** A team with cards, some written through the instance, whose acknowledged ids the test tracks. */
const workingTeam = async (name: string) => {
  const team = await seedTeam(w.app.application, name, 6);
  const acked = [...team.cards];
  const from = (await where(team.teamId)).shardId;
  return { team, acked, from, to: otherShard(from) };
};

/** Writes while the mover is stopped; only acknowledged ones count (a fenced team may hold them back). */
const writeWhileStopped = async (team: SeededTeam, acked: string[], label: string) => {
  const id = await createCard(w.app.url, team, `while stopped at ${label}`);
  if (id !== null) acked.push(id);
};

/** The team lives on `shard` and only there: owned and writable there, nothing and no ownership elsewhere. */
const expectSettledOn = async (team: SeededTeam, acked: string[], shard: string) => {
  const placement = await where(team.teamId);
  expect(placement.shardId).toBe(shard);
  const here = await shardState(w.op.rt.shards.get(shard)!, team.teamId);
  const there = await shardState(w.op.rt.shards.get(otherShard(shard))!, team.teamId);
  expect(here.fence).toEqual({ epoch: placement.epoch, state: 'owned' });
  expect(there.rows).toBe(0);
  expect(there.fence?.state).not.toBe('owned');
  const written = await createCard(w.app.url, team, 'after settling');
  expect(written).not.toBeNull();
  const cards = await cardIds(w.app.url, team);
  expect(cards).toEqual(expect.arrayContaining([...acked, written]));
  expect(new Set(cards).size).toBe(cards.length);
};

const PHASES: LeasePhase[] = ['capture', 'copy', 'catch-up', 'verify', 'cutover', 'fenced', 'cleanup'];

describe('a mover killed with SIGKILL', () => {
  it.each(PHASES)('at %s, move-team --resume finishes the move onto the target', async (phase) => {
    const { team, acked, from, to } = await workingTeam(`resume-${phase}`);
    await createCard(w.app.url, team, 'before').then((id) => id && acked.push(id));
    await killMoverAt(w.cluster, team.teamId, to, phase);
    await writeWhileStopped(team, acked, phase);

    const out = await runOnceUnlocked('move-team', team.teamId, '--resume');

    expect(out[0]).toContain(`the move from ${from} to ${to} (interrupted at ${phase}) is finished`);
    await expectSettledOn(team, acked, to);
  });

  it.each(PHASES.filter((p) => p !== 'cleanup'))(
    'at %s, move-team --abort leaves the team on its shard, serving',
    async (phase) => {
      const { team, acked, from, to } = await workingTeam(`abort-${phase}`);
      await killMoverAt(w.cluster, team.teamId, to, phase);
      await writeWhileStopped(team, acked, phase);

      const out = await runOnceUnlocked('move-team', team.teamId, '--abort');

      expect(out[0]).toContain(`the move from ${from} to ${to} (interrupted at ${phase}) is rolled back`);
      await expectSettledOn(team, acked, from);
    },
  );

  it('past the placement flip, --abort is refused and --resume finishes the cleanup', async () => {
    const { team, acked, to } = await workingTeam('abort-after-flip');
    await killMoverAt(w.cluster, team.teamId, to, 'cleanup');

    await expect(runOnceUnlocked('move-team', team.teamId, '--abort')).rejects.toThrow(/already names/);
    await runOnceUnlocked('move-team', team.teamId, '--resume');

    await expectSettledOn(team, acked, to);
  });

  it('a new move of a team with an interrupted one is refused until it is settled', async () => {
    const { team, to } = await workingTeam('blocked');
    await killMoverAt(w.cluster, team.teamId, to, 'copy');

    await expect(runOnceUnlocked('move-team', team.teamId, '--to', to)).rejects.toThrow(/interrupted move/);
  });
});

describe('an interrupted move whose lease ran out', () => {
  it('killed between fencing the source and the flip, is rolled back by the next boardroom command', async () => {
    const { team, acked, from, to } = await workingTeam('expired-cli');
    await killMoverAt(w.cluster, team.teamId, to, 'fenced', 500);
    expect((await shardState(w.op.rt.shards.get(from)!, team.teamId)).fence?.state).toBe('fenced');
    await new Promise((r) => setTimeout(r, 700));

    await runOnceUnlocked('shards', '--json');

    await expectSettledOn(team, acked, from);
  });

  it('past the flip, is finished by a server as it starts', async () => {
    const { team, acked, to } = await workingTeam('expired-server');
    await killMoverAt(w.cluster, team.teamId, to, 'cleanup', 500);
    await new Promise((r) => setTimeout(r, 700));

    const other = await startInstance(w.cluster, w.redis.url, 'b', 100);
    try {
      await eventually(async () => (await shardState(w.op.rt.shards.get(otherShard(to))!, team.teamId)).rows === 0);
    } finally {
      await other.stop();
    }

    await expectSettledOn(team, acked, to);
    const { rows } = await w.op.rt.catalog.query('SELECT state FROM tenant_moves WHERE team_id = $1', [
      asUuid(team.teamId),
    ]);
    expect(rows[0]).toEqual({ state: 'done' });
  });
});
