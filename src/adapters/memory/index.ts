export { MemoryBoardStore } from './board.store';
export { MemoryEventBus } from './event-bus';
export { MemoryRefreshTokenStore } from './refresh-token.store';
export { MemoryTeamRepository } from './team.repository';
export { MemoryUserRepository } from './user.repository';
