import * as E from 'fp-ts/Either';
import { asUuid, type TeamId } from '../../../src/domain';
import { moveTeam, type LeasePhase, type Phase } from '../../../src/shard-router/move';
import { moveWorld, must, otherShard, seedTeam, teamRows } from './setup';

jest.setTimeout(60_000);

const w = moveWorld();

const createCard = (
  team: { token: string; teamId: string; boardId: string; lists: readonly string[] },
  title: string,
) =>
  fetch(`${w.app.url}/api/teams/${team.teamId}/boards/${team.boardId}/cards`, {
    method: 'POST',
    headers: { authorization: `Bearer ${team.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ listId: team.lists[0], title }),
  });

const abortAt = (phase: Phase) => {
  const controller = new AbortController();
  // The cutover is interrupted after the source is fenced, before the placement flips: the hardest undo.
  const onPhase = (p: LeasePhase) => (p === phase && phase !== 'cutover' ? controller.abort() : undefined);
  const onProgress = (p: { phase: Phase }) =>
    p.phase === 'cutover' && phase === 'cutover' ? controller.abort() : undefined;
  return { signal: controller.signal, onPhase, onProgress };
};

describe('a move aborted before the placement flips', () => {
  it.each<Phase>(['capture', 'copy', 'catch-up', 'verify', 'cutover'])(
    'aborted in %s leaves the team readable and writable on its shard, with nothing on the target',
    async (phase) => {
      const team = await seedTeam(w.app.application, `abort-${phase}`, 12);
      const teamId = asUuid(team.teamId) as TeamId;
      const before = await must(w.op.rt.router.where(teamId));
      const to = otherShard(before.shardId);
      const rowsBefore = await teamRows(w.op.rt.shards.get(before.shardId)!, teamId);

      const result = await moveTeam(w.op.env, { teamId, to, ...abortAt(phase) })();

      expect(E.isLeft(result) && result.left.code).toBe('move_aborted');
      expect(await must(w.op.rt.router.where(teamId))).toMatchObject({ shardId: before.shardId, epoch: before.epoch });
      expect(await teamRows(w.op.rt.shards.get(before.shardId)!, teamId)).toEqual(rowsBefore);
      expect(Object.values(await teamRows(w.op.rt.shards.get(to)!, teamId)).every((n) => n === 0)).toBe(true);
      const created = await createCard(team, `after aborted ${phase}`);
      expect(created.status).toBe(201);
      const snapshot = await fetch(`${w.app.url}/api/teams/${team.teamId}/boards/${team.boardId}`, {
        headers: { authorization: `Bearer ${team.token}` },
      });
      expect(((await snapshot.json()) as { cards: unknown[] }).cards).toHaveLength(13);
    },
  );

  it('a team moved after an aborted attempt lands on the target with all its rows', async () => {
    const team = await seedTeam(w.app.application, 'retry-after-abort', 5);
    const teamId = asUuid(team.teamId) as TeamId;
    const from = (await must(w.op.rt.router.where(teamId))).shardId;
    const to = otherShard(from);
    const rows = await teamRows(w.op.rt.shards.get(from)!, teamId);
    await moveTeam(w.op.env, { teamId, to, ...abortAt('cutover') })();

    const report = await must(moveTeam(w.op.env, { teamId, to }));

    expect(report).toMatchObject({ from, to, epoch: 1 });
    expect(await teamRows(w.op.rt.shards.get(to)!, teamId)).toEqual(rows);
    expect((await createCard(team, 'on the new shard')).status).toBe(201);
  });
});

describe("a move's progress on the servers' /metrics", () => {
  it('shows the running move with its copy progress, and nothing once it is done', async () => {
    const team = await seedTeam(w.app.application, 'metrics', 12);
    const teamId = asUuid(team.teamId) as TeamId;
    const to = otherShard((await must(w.op.rt.router.where(teamId))).shardId);
    let during = '';
    const onPhase = async (p: LeasePhase) => {
      if (p === 'verify') during = await (await fetch(`${w.app.url}/metrics`)).text();
    };

    expect(E.isRight(await moveTeam(w.op.env, { teamId, to, onPhase })())).toBe(true);
    const after = await (await fetch(`${w.app.url}/metrics`)).text();

    expect(during).toMatch(/^tenant_moves_in_progress [1-9]/m);
    expect(during).toContain(`tenant_move_progress_ratio{team="${teamId}",target="${to}"} 1`);
    expect(after).toMatch(/^tenant_moves_in_progress 0/m);
  });
});
