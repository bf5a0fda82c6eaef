import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Application } from '../api';
import { authorize } from '../authorization';
import type { AppDeps } from '../deps';

export { toSnapshot } from '../engine/shared-snapshot';

/**
 * The whole board as of its latest event with its JSON text, as the engine shares it: serialised once
 * per seq, whoever asks (REST reads and socket subscribes alike).
 */
export const getSharedBoard =
  (deps: AppDeps): Application['boards']['getShared'] =>
  (actor, teamId, boardId) =>
    pipe(
      authorize(deps)(actor, teamId, 'board.read'),
      TE.chain(() => deps.engine.readShared(teamId, boardId)),
    );

/** The whole board as of its latest event; clients continue from `seq`. */
export const getBoard =
  (deps: AppDeps): Application['boards']['get'] =>
  (actor, teamId, boardId) =>
    pipe(
      getSharedBoard(deps)(actor, teamId, boardId),
      TE.map((shared) => shared.snapshot),
    );
