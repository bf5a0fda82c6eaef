import { Client } from 'pg';
import { startCluster, type TestCluster } from '../harness/cluster';

const tableExists = async (url: string, table: string): Promise<boolean> => {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]);
    return r.rows[0]?.t === table;
  } finally {
    await c.end();
  }
};

describe('the test cluster', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await startCluster({ shards: 2 });
  });

  afterAll(() => cluster.stop());

  it('has a migrated catalog and migrated, separate shards named in SHARD_URLS form', async () => {
    expect(await tableExists(cluster.catalogUrl, 'memberships')).toBe(true);
    expect(cluster.shards.map((s) => s.id)).toEqual(['shard-0', 'shard-1']);
    expect(new Set(cluster.shards.map((s) => s.url)).size).toBe(2);
    for (const shard of cluster.shards) expect(await tableExists(shard.url, 'tenant_fence')).toBe(true);
    expect(cluster.shardUrls).toBe(cluster.shards.map((s) => `${s.id}=${s.url}`).join(','));
  });
});
