import {
  MemoryBlobStore,
  MemoryBoardStore,
  MemoryInvitationRepository,
  MemoryNotificationOutbox,
  MemoryNotificationStore,
  MemoryWatchStore,
  MemoryMailQueue,
  MemoryTeamRepository,
  MemoryTeamSearch,
  MemoryUserRepository,
} from '../../src/adapters/memory';
import { registerMailQueueContract } from './mail-queue.contract';
import { registerInvitationRepositoryContract } from './invitation-repository.contract';
import { registerAccountDeletionContract } from './account-deletion.contract';
import { registerAttachmentEventsContract } from './attachment-events.contract';
import { registerBlobStoreContract } from './blob-store.contract';
import { registerBoardStoreContract } from './board-store.contract';
import { registerBoardDeleteContract } from './board-delete.contract';
import { registerBoardEngineContract } from './board-engine.contract';
import { registerStaleAnchorContract } from './stale-anchors.contract';
import { registerTeamRepositoryContract } from './team-repository.contract';
import { registerTeamSearchContract } from './team-search.contract';
import { registerUserRepositoryContract } from './user-repository.contract';
import { registerNotificationStoreContract } from './notification-store.contract';
import { registerWatchStoreContract } from './watch-store.contract';
import { registerNotificationOutboxContract } from './notification-outbox.contract';

const done = async () => undefined;

registerBoardStoreContract('memory', async () => ({ port: new MemoryBoardStore(), close: done }));
registerBoardDeleteContract('memory', async () => ({ port: new MemoryBoardStore(), close: done }));
registerBoardEngineContract('memory', async () => ({ port: new MemoryBoardStore(), close: done }));
registerStaleAnchorContract('memory', async () => ({ port: new MemoryBoardStore(), close: done }), 100);
registerUserRepositoryContract('memory', async () => ({ port: new MemoryUserRepository(), close: done }));
registerTeamRepositoryContract('memory', async () => ({
  port: { users: new MemoryUserRepository(), teams: new MemoryTeamRepository() },
  close: done,
}));
registerAccountDeletionContract('memory', async () => {
  const teams = new MemoryTeamRepository();
  return { port: { users: new MemoryUserRepository(teams), teams }, close: done };
});
registerInvitationRepositoryContract('memory', async () => {
  const teams = new MemoryTeamRepository();
  return {
    port: { users: new MemoryUserRepository(), teams, invitations: new MemoryInvitationRepository(teams) },
    close: done,
  };
});
registerTeamSearchContract('memory', async () => {
  const store = new MemoryBoardStore();
  return { port: { store, search: new MemoryTeamSearch(store) }, close: done };
});
registerBlobStoreContract('memory', async () => ({ port: new MemoryBlobStore(), close: done }));
registerAttachmentEventsContract('memory', async () => ({ port: new MemoryBoardStore(), close: done }));
registerNotificationStoreContract('memory', async () => {
  const teams = new MemoryTeamRepository();
  return {
    port: { users: new MemoryUserRepository(teams), teams, notifications: new MemoryNotificationStore(teams.isMember) },
    close: done,
  };
});
registerWatchStoreContract('memory', async () => ({
  port: { users: new MemoryUserRepository(), watches: new MemoryWatchStore() },
  close: done,
}));
registerNotificationOutboxContract('memory', async () => {
  const outbox = new MemoryNotificationOutbox();
  return { port: { boards: new MemoryBoardStore({ onCommitted: outbox.add }), outbox }, close: done };
});
registerMailQueueContract('memory', async () => ({
  port: { users: new MemoryUserRepository(), queue: new MemoryMailQueue() },
  close: done,
}));
