export * from './board-store';
export * from './catalog';
export * from './security';
export * from './system';
