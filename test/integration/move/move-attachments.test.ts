import { createHash, randomBytes } from 'node:crypto';
import { asUuid, type TeamId } from '../../../src/domain';
import { loadShapes, verifyTeam } from '../../../src/adapters/pg/move';
import { moveTeam } from '../../../src/shard-router/move';
import { moveWorld, must, otherShard, seedTeam } from './setup';

jest.setTimeout(90_000);

const w = moveWorld();

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('a tenant move with attachments', () => {
  it('carries files (bytes, thumbnails, cards) to the new shard, verified, and downloads them intact', async () => {
    const team = await seedTeam(w.app.application, 'files', 2);
    const teamId = asUuid(team.teamId) as TeamId;
    const files = `${w.app.url}/api/teams/${team.teamId}/boards/${team.boardId}/cards/${team.cards[0]}/attachments`;
    const auth = { authorization: `Bearer ${team.token}` };
    const upload = async (bytes: Buffer, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), name);
      const res = await fetch(files, { method: 'POST', headers: auth, body: form });
      expect(res.status).toBe(201);
      return ((await res.json()) as { attachment: { id: string } }).attachment.id;
    };
    // Bytes of every value (0x00 and 0x5c included) in chunks that span several copy pages.
    const big = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(3_000_000)]);
    const small = Buffer.from('notes\n');
    const bigId = await upload(big, 'data.bin');
    const smallId = await upload(small, 'notes.txt');

    const from = (await must(w.op.rt.router.where(teamId))).shardId;
    const to = otherShard(from);
    const report = await must(moveTeam(w.op.env, { teamId, to }));
    expect(report.verify?.ok).toBe(true);
    expect(report.verify?.tables.find((t) => t.table === 'blob_chunks')?.targetRows).toBeGreaterThanOrEqual(13);
    expect(await must(w.op.rt.router.where(teamId))).toMatchObject({ shardId: to });

    const target = w.op.rt.shards.get(to)!;
    const { rows } = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM blobs WHERE team_id = $1', [
      teamId,
    ]);
    expect(rows[0]?.n).toBe(2);
    for (const [id, bytes] of [
      [bigId, big],
      [smallId, small],
    ] as const) {
      const res = await fetch(`${files}/${id}`, { headers: auth });
      expect(res.status).toBe(200);
      expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(bytes));
    }
    const again = await verifyTeam(w.op.rt.shards.get(from)!, target, await loadShapes(target), teamId);
    expect(again.tables.map((t) => t.table)).toEqual(expect.arrayContaining(['blobs', 'blob_chunks']));
  });
});
