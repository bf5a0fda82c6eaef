import { gauge } from './prom';

/** The phases of a tenant move, in order; `done` and `failed` end it. */
export type MovePhase = 'copying' | 'catching_up' | 'fenced' | 'switching' | 'done' | 'failed';

const progress = () =>
  gauge('tenant_move_progress_ratio', 'Share of a moving team copied to its target shard (0..1), by team and target', [
    'team',
    'target',
  ]);
const phase = () =>
  gauge('tenant_move_phase', 'Current phase of a tenant move (1 for the phase it is in), by team', ['team', 'phase']);
const moves = () => gauge('tenant_moves_in_progress', 'Tenant moves running in this process');

const PHASES: readonly MovePhase[] = ['copying', 'catching_up', 'fenced', 'switching', 'done', 'failed'];

/** What the tenant-move engine reports while it runs; `/metrics` shows it. */
export interface MoveProgress {
  /** `copied` of `total` rows (events, boards…) are on the target; called as often as is cheap. */
  readonly progressed: (copied: number, total: number) => void;
  /** The move entered `phase`; `done` or `failed` ends it. */
  readonly entered: (phase: MovePhase) => void;
}

/** Starts reporting one team's move to `target`. */
export const trackMove = (teamId: string, target: string): MoveProgress => {
  const ratio = progress();
  const phases = phase();
  const running = moves();
  running.inc();
  let finished = false;
  ratio.set({ team: teamId, target }, 0);
  return {
    progressed: (copied, total) => ratio.set({ team: teamId, target }, total === 0 ? 1 : Math.min(1, copied / total)),
    entered: (current) => {
      for (const p of PHASES) phases.set({ team: teamId, phase: p }, p === current ? 1 : 0);
      if ((current === 'done' || current === 'failed') && !finished) {
        finished = true;
        running.dec();
        if (current === 'done') ratio.set({ team: teamId, target }, 1);
      }
    },
  };
};

/** Registers the move series at zero so dashboards see them before the first move. */
export const registerMoveMetrics = (): void => {
  progress();
  phase();
  moves();
};
