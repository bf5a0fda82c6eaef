import type { Pool } from 'pg';
import { acquireMoveLock } from '../../../src/adapters/pg/move/lease';
import type { TeamId } from '../../../src/domain';
import { eventually, sleep } from '../../support/wait';

const TEAM = '018f0000-0000-7000-8000-000000000001' as TeamId;

/**
 * A catalog pool whose one connection answers every query after `delayMs` and remembers the most
 * queries it ever had in flight at once: pg 8 queues overlapping queries on a client with a
 * DeprecationWarning, and pg 9 will refuse them.
 */
const fakeCatalog = (delayMs: number) => {
  const seen = { inFlight: 0, most: 0, sql: [] as string[], released: false, failNext: false };
  const client = {
    query: async (sql: string) => {
      seen.inFlight++;
      seen.most = Math.max(seen.most, seen.inFlight);
      seen.sql.push(sql.trim().replace(/\s+/g, ' '));
      await sleep(delayMs);
      seen.inFlight--;
      if (seen.failNext) {
        seen.failNext = false;
        throw new Error('connection lost');
      }
      return { rows: [{ ok: true }], rowCount: 1 };
    },
    release: () => {
      seen.released = true;
    },
  };
  return { pool: { connect: async () => client } as unknown as Pool, seen };
};

const terms = { from: 'shard-0', to: 'shard-1', epoch: 0, maxPauseMs: 250, leaseMs: 150 };

describe('the lease connection of a tenant move', () => {
  it('never has two queries in flight, whatever heartbeats and phase records overlap', async () => {
    const { pool, seen } = fakeCatalog(30);
    const lock = await acquireMoveLock(pool, TEAM, terms);
    // Progress records are fired without waiting (move-team.ts) while the heartbeat renews every 50 ms.
    const records = [lock.record('copy'), lock.record('copy', 'running', { n: 1 }), lock.record('catch-up')];
    await eventually(
      () => seen.sql.filter((s) => s.startsWith('UPDATE tenant_moves SET lease_expires_at')).length >= 2,
    );
    await Promise.all(records);
    await lock.release();
    expect(seen.most).toBe(1);
    expect(seen.sql.at(-1)).toMatch(/^SELECT pg_advisory_unlock/);
    expect(seen.released).toBe(true);
  });

  it('goes on renewing after one renewal failed, with the move told its lease was lost', async () => {
    const { pool, seen } = fakeCatalog(5);
    const lock = await acquireMoveLock(pool, TEAM, { ...terms, leaseMs: 30_000 });
    seen.failNext = true;
    const failed = lock.record('copy');
    const next = lock.record('catch-up');
    await expect(failed).rejects.toThrow('connection lost');
    await expect(next).resolves.toBeUndefined();
    expect(lock.lost.aborted).toBe(true);
    await lock.release();
    expect(seen.most).toBe(1);
  });
});
