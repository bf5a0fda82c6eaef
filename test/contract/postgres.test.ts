import type { Pool } from 'pg';
import { makePgBlobStore } from '../../src/adapters/pg/blob.store';
import { makePgBoardStore } from '../../src/adapters/pg/board.store';
import { migrate, type MigrationKind } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import { makePgMailQueue } from '../../src/adapters/pg/mail-queue';
import { makePgInvitationRepository } from '../../src/adapters/pg/invitation.repository';
import { makePgTeamRepository } from '../../src/adapters/pg/team.repository';
import { makePgUserRepository } from '../../src/adapters/pg/user.repository';
import { makePgTeamSearch } from '../../src/adapters/pg/search';
import { createTestDatabase } from '../harness/database';
import { registerAccountDeletionContract } from './account-deletion.contract';
import { registerAttachmentEventsContract } from './attachment-events.contract';
import { registerBlobStoreContract } from './blob-store.contract';
import { registerBoardStoreContract } from './board-store.contract';
import { registerBoardDeleteContract } from './board-delete.contract';
import { registerBoardEngineContract } from './board-engine.contract';
import { registerStaleAnchorContract } from './stale-anchors.contract';
import type { Subject } from './fixtures';
import { registerMailQueueContract } from './mail-queue.contract';
import { registerInvitationRepositoryContract } from './invitation-repository.contract';
import { registerTeamRepositoryContract } from './team-repository.contract';
import { registerTeamSearchContract } from './team-search.contract';
import { registerUserRepositoryContract } from './user-repository.contract';
import { registerNotificationStoreContract } from './notification-store.contract';
import { registerWatchStoreContract } from './watch-store.contract';
import { registerNotificationOutboxContract } from './notification-outbox.contract';
import { makePgNotificationStore } from '../../src/adapters/pg/notification.store';
import { makePgWatchStore } from '../../src/adapters/pg/watch.store';
import { makePgNotificationOutbox } from '../../src/adapters/pg/notification-outbox';

/** A migrated database of its own for one suite, dropped when the suite is done. */
const onFreshDatabase =
  <P>(kind: MigrationKind, build: (pool: Pool) => P) =>
  async (): Promise<Subject<P>> => {
    const db = await createTestDatabase(`contract_${kind}`);
    const pool = createPool(db.url);
    await migrate(pool, kind);
    return {
      port: build(pool),
      close: async () => {
        await pool.end();
        await db.drop();
      },
    };
  };

registerBoardStoreContract(
  'postgres',
  onFreshDatabase('shard', (pool) => makePgBoardStore(pool, { epoch: 1 })),
);
registerBoardDeleteContract(
  'postgres',
  onFreshDatabase('shard', (pool) => makePgBoardStore(pool, { epoch: 1 })),
);
registerBoardEngineContract(
  'postgres',
  onFreshDatabase('shard', (pool) => makePgBoardStore(pool, { epoch: 1 })),
);
// Fewer runs than on memory: each run seeds a board with a dozen committed mutations.
registerStaleAnchorContract(
  'postgres',
  onFreshDatabase('shard', (pool) => makePgBoardStore(pool, { epoch: 1 })),
  10,
);
registerUserRepositoryContract('postgres', onFreshDatabase('catalog', makePgUserRepository));
registerTeamRepositoryContract(
  'postgres',
  onFreshDatabase('catalog', (pool) => ({ users: makePgUserRepository(pool), teams: makePgTeamRepository(pool) })),
);
registerAccountDeletionContract(
  'postgres',
  onFreshDatabase('catalog', (pool) => ({ users: makePgUserRepository(pool), teams: makePgTeamRepository(pool) })),
);
registerInvitationRepositoryContract(
  'postgres',
  onFreshDatabase('catalog', (pool) => ({
    users: makePgUserRepository(pool),
    teams: makePgTeamRepository(pool),
    invitations: makePgInvitationRepository(pool),
  })),
);
registerTeamSearchContract(
  'postgres',
  onFreshDatabase('shard', (pool) => ({ store: makePgBoardStore(pool, { epoch: 1 }), search: makePgTeamSearch(pool) })),
);
registerBlobStoreContract(
  'postgres',
  onFreshDatabase('shard', (pool) => makePgBlobStore(pool, { epoch: 1 })),
);
registerAttachmentEventsContract(
  'postgres',
  onFreshDatabase('shard', (pool) => makePgBoardStore(pool, { epoch: 1 })),
);
registerNotificationStoreContract(
  'postgres',
  onFreshDatabase('catalog', (pool) => ({
    users: makePgUserRepository(pool),
    teams: makePgTeamRepository(pool),
    notifications: makePgNotificationStore(pool),
  })),
);
registerWatchStoreContract(
  'postgres',
  onFreshDatabase('catalog', (pool) => ({ users: makePgUserRepository(pool), watches: makePgWatchStore(pool) })),
);
registerNotificationOutboxContract(
  'postgres',
  onFreshDatabase('shard', (pool) => ({
    boards: makePgBoardStore(pool, { epoch: 1 }),
    outbox: makePgNotificationOutbox(pool),
  })),
);
registerMailQueueContract(
  'postgres',
  onFreshDatabase('catalog', (pool) => ({ users: makePgUserRepository(pool), queue: makePgMailQueue(pool) })),
);
