import * as E from 'fp-ts/Either';
import type * as T from 'fp-ts/Task';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { commands, type BoardId, type CardId, type TeamId, type UserId } from '../../domain';
import { mutationContext, publishInBackground } from '../board-mutation';
import type { AppDeps } from '../deps';
import { readNothing } from '../engine/board-engine';

/**
 * Takes a person who left the team (or was removed) off every card of the team's boards, one
 * `card.member.removed` event per card so every open board sees it. The membership change has already
 * committed, so this does not authorize again (the actor may be the person who just left); a card that
 * changed meanwhile is decided afresh by the engine, and one already unassigned is skipped.
 * Answers how many cards it unassigned.
 */
export const unassignEverywhere =
  (deps: Pick<AppDeps, 'boards' | 'engine' | 'clock' | 'events'>) =>
  (actorId: UserId, teamId: TeamId, userId: UserId): T.Task<number> =>
  async () => {
    const boards = await deps.boards.listBoards(teamId)();
    if (E.isLeft(boards)) return 0;
    let unassigned = 0;
    for (const board of boards.right) {
      const state = await deps.engine.read(teamId, board.id)();
      if (E.isLeft(state)) continue;
      const cards = Object.values(state.right.cards).filter((c) => c.assignees.includes(userId));
      for (const card of cards) {
        if (await unassign(deps, actorId, teamId, board.id, card.id, userId)) unassigned += 1;
      }
    }
    return unassigned;
  };

const unassign = async (
  deps: Pick<AppDeps, 'engine' | 'clock' | 'events'>,
  actorId: UserId,
  teamId: TeamId,
  boardId: BoardId,
  cardId: CardId,
  userId: UserId,
): Promise<boolean> => {
  const ctx = mutationContext(deps, {
    actor: { userId: actorId },
    teamId,
    boardId,
    origin: null,
    action: 'card.write',
  });
  const committed = await deps.engine.submit(
    ctx,
    (tx) =>
      pipe(
        tx.card(cardId),
        TE.chainEitherK((card) => commands.unassignDeparted(tx.board, card, userId)),
      ),
    readNothing,
  )();
  if (E.isLeft(committed)) return false;
  await publishInBackground(deps)(committed.right.record)();
  return true;
};
