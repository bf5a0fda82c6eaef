export * from './board-store';
export * from './catalog';
export * from './security';
export * from './system';
export * from './control';
export * from './realtime';
export * from './rate-limit';
export * from './token-denylist';
