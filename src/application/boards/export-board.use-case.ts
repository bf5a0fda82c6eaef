import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { extractMentions, type Card, type UserId } from '../../domain';
import type { Application, CommentView } from '../api';
import { authorize } from '../authorization';
import { commentViews } from '../comments/comment-view';
import type { AppDeps } from '../deps';
import { toCsv, toJson } from './board-export';
import { toSnapshot } from '../engine/shared-snapshot';

const byCard = (comments: readonly CommentView[]): Map<string, CommentView[]> => {
  const out = new Map<string, CommentView[]>();
  for (const c of comments) out.set(c.cardId, [...(out.get(c.cardId) ?? []), c]);
  return out;
};

/** Everyone the CSV names: assignees, and people mentioned in descriptions and comments. */
const namedIn = (cards: readonly Card[], comments: readonly CommentView[]): UserId[] => [
  ...new Set([
    ...cards.flatMap((c) => [...c.assignees, ...extractMentions(c.description)]),
    ...comments.flatMap((c) => extractMentions(c.body)),
  ]),
];

/** The board as a file to download: JSON (everything) or CSV (one row per card). */
export const exportBoard =
  (deps: AppDeps): Application['boards']['export'] =>
  (actor, teamId, boardId, format) =>
    pipe(
      authorize(deps)(actor, teamId, 'board.read'),
      TE.chain(() => deps.boards.snapshot(teamId, boardId)),
      TE.map(toSnapshot),
      TE.chain((snapshot) =>
        pipe(
          // One read for every comment of the board, not one per card.
          deps.boards.boardComments(teamId, boardId),
          TE.chain(commentViews(deps)),
          TE.chain((comments) =>
            pipe(
              deps.users.findMany(namedIn(snapshot.cards, comments)),
              TE.map((users) => ({
                snapshot,
                exportedAt: deps.clock.now().toISOString(),
                comments: byCard(comments),
                names: new Map(users.map((u) => [u.id as string, u.name])),
              })),
            ),
          ),
        ),
      ),
      TE.map((data) => (format === 'csv' ? toCsv(data) : toJson(data))),
    );
