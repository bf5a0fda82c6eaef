export { MemoryBoardStore } from './board.store';
export { MemoryEventBus } from './event-bus';
export { MemoryRefreshTokenStore } from './refresh-token.store';
export { MemoryTeamRepository } from './team.repository';
export { MemoryUserRepository } from './user.repository';
export { MemoryControlBus } from './control-bus';
export { MemoryRateLimiter } from './rate-limiter';
export { MemoryTokenDenylist } from './token-denylist';
