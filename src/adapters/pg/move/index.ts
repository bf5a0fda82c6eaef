export { pgMoveEnv, pgMoveShard, pgTransfer, openPgTransfer, type PgMoveDatabases } from './env';
export { pgMoveLeases } from './lease';
export { verifyTeam, CHUNK_ROWS } from './verify';
export { loadShapes, TEAM_TABLES } from './tables';
