import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool } from 'pg';
import { makePgNotificationOutbox } from '../../src/adapters/pg/notification-outbox';
import { makePgNotificationStore } from '../../src/adapters/pg/notification.store';
import { makePgWatchStore } from '../../src/adapters/pg/watch.store';
import { createPool } from '../../src/adapters/pg/pool';
import { MemoryControlBus, MemoryMailQueue } from '../../src/adapters/memory';
import { deliverOutbox } from '../../src/application/notifications/deliver-outbox';
import type { NotificationListener, RecordedNotification } from '../../src/application/ports';
import { commands, type User } from '../../src/domain';
import { boardWorld } from '../contract/board-fixtures';
import { ok } from '../contract/fixtures';
import { aUser } from '../contract/user-repository.contract';
import { closePostgresPorts, openPostgresPorts, type PostgresPorts } from '../support/postgres-app';
import { eventually } from '../support/wait';

jest.setTimeout(120_000);

/**
 * The outbox's promise (docs/notifications.md): a consumer that dies between commit and notification —
 * here after recording, before its transaction deletes the row — neither loses nor repeats one.
 */
describe('notification outbox on a Postgres shard', () => {
  let pg: PostgresPorts;
  let shardUrl: string;
  const pools: Pool[] = [];

  beforeAll(async () => {
    pg = await openPostgresPorts({ shards: 1 });
    shardUrl = pg.cluster.shards[0]!.url;
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
    await closePostgresPorts();
  });

  const consumerPool = (name: string) => {
    const pool = createPool(shardUrl, { applicationName: name, onError: () => undefined });
    // The killed consumer never gets its connection back (its drain hangs forever), so its pool never ends.
    if (name !== 'consumer-a') pools.push(pool);
    return pool;
  };
  const deliverWith = (listener: NotificationListener) =>
    deliverOutbox({
      teams: pg.teams,
      users: pg.users,
      watches: makePgWatchStore(pg.rt.catalog),
      notifications: makePgNotificationStore(pg.rt.catalog),
      control: new MemoryControlBus(),
      clock: { now: () => new Date() },
      mailQueue: new MemoryMailQueue(),
      notifyBatchMs: 60_000,
      listeners: [listener],
    });

  /** A team of Alice and Bob in the catalog whose board, on the shard, has Bob just assigned to a card. */
  const bobAssigned = async (): Promise<User> => {
    const w = await boardWorld(pg.boards);
    const [alice, bob] = [await ok(pg.users.create(aUser('Alice'), 'h')), await ok(pg.users.create(aUser('Bob'), 'h'))];
    const at = new Date().toISOString();
    await ok(
      pg.teams.create(
        { id: w.teamId, name: 'Acme', createdAt: at, createdBy: alice.id },
        { teamId: w.teamId, userId: alice.id, role: 'owner', addedAt: at },
      ),
    );
    await ok(pg.teams.addMember({ teamId: w.teamId, userId: bob.id, role: 'member', addedAt: at }));
    const card = await w.addCard((await w.addList('Doing')).id, 'Ship it');
    await w.mutate((tx) =>
      pipe(
        tx.card(card.id),
        TE.chainEitherK((c) => commands.assignMember(tx.board, c, bob.id)),
      ),
    );
    return bob;
  };

  it('a consumer killed after recording but before deleting leaves the row; the next one makes no second notification', async () => {
    const bob = await bobAssigned();
    const recordedByFirst: RecordedNotification[] = [];
    // The first consumer records, then hangs in its listener with the row claimed: then its process "dies".
    const hang: NotificationListener = (items) => () => {
      recordedByFirst.push(...items);
      return new Promise(() => undefined);
    };
    void makePgNotificationOutbox(consumerPool('consumer-a')).drain(10, deliverOutboxWith(hang))();
    await eventually(() => expect(recordedByFirst).toHaveLength(1), 30_000);
    const killer = consumerPool('killer');
    await killer.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'consumer-a' AND pid <> pg_backend_pid()",
    );
    const heard: RecordedNotification[] = [];
    const second = makePgNotificationOutbox(consumerPool('consumer-b'));
    const listen: NotificationListener = (items) => TE.fromIO(() => void heard.push(...items));
    await eventually(async () => {
      await ok(second.drain(10, deliverOutboxWith(listen)));
      expect(heard).toHaveLength(1);
    }, 30_000);
    expect(heard[0]).toMatchObject({ created: false, notification: { id: recordedByFirst[0]!.notification.id } });
    const inbox = await ok(makePgNotificationStore(pg.rt.catalog).list(bob.id, { limit: 10 }));
    expect(inbox.notifications.map((n) => n.kind)).toEqual(['assigned']);
    const left = await killer.query('SELECT count(*)::int AS c FROM notification_outbox');
    expect(left.rows[0].c).toBe(0);
  });

  it('two consumers draining at once make each notification once', async () => {
    const bobs = [await bobAssigned(), await bobAssigned(), await bobAssigned()];
    const heard: RecordedNotification[] = [];
    const listen: NotificationListener = (items) => TE.fromIO(() => void heard.push(...items));
    const [a, b] = [consumerPool('consumer-c'), consumerPool('consumer-d')].map(makePgNotificationOutbox);
    await Promise.all([a!.drain(1, deliverOutboxWith(listen))(), b!.drain(1, deliverOutboxWith(listen))()]);
    await ok(a!.drain(10, deliverOutboxWith(listen)));
    const store = makePgNotificationStore(pg.rt.catalog);
    for (const bob of bobs) expect((await ok(store.list(bob.id, { limit: 10 }))).notifications).toHaveLength(1);
    expect(heard.filter((h) => h.created)).toHaveLength(3);
  });

  /** `deliverOutbox` with one listener in place of the app's listeners. */
  const deliverOutboxWith = deliverWith;
});
