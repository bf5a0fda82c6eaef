import { randomFillSync } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Pool } from 'pg';
import { makePgBlobStore } from '../../src/adapters/pg/blob.store';
import { migrate } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import { asUuid } from '../../src/domain';
import { createTestDatabase, type TestDatabase } from '../harness/database';
import { newId, ok } from '../contract/fixtures';

/**
 * What a 25 MB file costs the process in memory that stays reachable, uploaded and read back through
 * the Postgres blob store: measured after a forced collection every 4 MB, so garbage that merely waits
 * for the collector (what RSS shows) does not count, and a buffered file would.
 */
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
// Array buffers of dead objects are freed by a sweeper after the collection: let it run, collect again.
const retained = async () => {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const MB = 1024 * 1024;
const SIZE = 25 * MB;
/** How often the retained memory is measured: each measurement is two full collections. */
const EVERY = 4 * MB;

let db: TestDatabase;
let pool: Pool;
beforeAll(async () => {
  db = await createTestDatabase('blob_memory');
  pool = createPool(db.url);
  await migrate(pool, 'shard');
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

/** 25 MB made 64 KiB at a time and dropped as it goes, noting the most memory held at any 4 MB mark. */
async function* generated(peak: { bytes: number; base: number }) {
  for (let sent = 0; sent < SIZE; sent += 64 * 1024) {
    if (sent % EVERY === 0) peak.bytes = Math.max(peak.bytes, (await retained()) - peak.base);
    yield randomFillSync(Buffer.allocUnsafe(64 * 1024));
  }
}

test('a 25 MB upload and download through Postgres never hold more than a few chunks in memory', async () => {
  const blobs = makePgBlobStore(pool, { epoch: 1 });
  const team = newId();
  const id = asUuid(newId());
  const up = { bytes: 0, base: await retained() };
  await ok(blobs.put(team, id, generated(up), { maxBytes: SIZE, quotaBytes: 2 * SIZE }));

  const read = await ok(blobs.get(team, id));
  const down = { bytes: 0, base: await retained() };
  let got = 0;
  for await (const chunk of read.chunks) {
    got += chunk.length;
    if (got % EVERY < chunk.length) down.bytes = Math.max(down.bytes, (await retained()) - down.base);
  }
  expect(got).toBe(SIZE);
  // Measured: under half a megabyte either way (a few 256 KiB chunks in flight); a buffered file is 25.
  expect(up.bytes).toBeLessThan(3 * MB);
  expect(down.bytes).toBeLessThan(3 * MB);
  // Writing 25 MB to Postgres and two full collections per measurement take a while on a busy machine.
}, 120_000);
