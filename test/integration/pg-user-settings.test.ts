import * as O from 'fp-ts/Option';
import type { Pool } from 'pg';
import { migrate } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import { makePgUserRepository } from '../../src/adapters/pg/user.repository';
import { createTestDatabase, type TestDatabase } from '../harness/database';
import { aUser } from '../contract/user-repository.contract';
import { ok } from '../contract/fixtures';

describe('user settings stored in the catalog', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('user_settings');
    pool = createPool(db.url);
    await migrate(pool, 'catalog');
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it("a row written in the first settings shape is read in today's shape and rewritten so on change", async () => {
    const users = makePgUserRepository(pool);
    const user = await ok(users.create(aUser(), 'h'));
    await pool.query('UPDATE users SET settings = $2 WHERE id = $1', [
      user.id,
      JSON.stringify({ emailOnMention: false, emailOnAssignment: true, dailyDigest: true }),
    ]);
    const read = await ok(users.findById(user.id));
    const settings = {
      email: { assigned: true, mentioned: false, comment: true, due: true, invited: true },
      digest: 'daily',
      timeZone: 'UTC',
    };
    expect(read).toEqual(O.some({ ...user, settings }));
    await ok(users.updateSettings(user.id, { ...settings, digest: 'hourly' }));
    const row = await pool.query<{ settings: unknown }>('SELECT settings FROM users WHERE id = $1', [user.id]);
    expect(row.rows[0]?.settings).toEqual({ ...settings, digest: 'hourly' });
  });
});
