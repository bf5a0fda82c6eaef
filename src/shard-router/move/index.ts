export { moveTeam } from './move-team';
export { abortMove, recoverExpiredMoves, resumeMove, type Recovery, type Settlement } from './recover';
export { verifyTeam, CHUNK_ROWS, type VerifyReport, type TableVerdict } from './verify';
export { loadShapes, TEAM_TABLES } from './tables';
export {
  PHASES,
  type LeasePhase,
  type MoveEnv,
  type MoveOptions,
  type MoveReport,
  type Phase,
  type Progress,
} from './types';
