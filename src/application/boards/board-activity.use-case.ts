import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { describeEvent, type ActivityEntry, type BoardEventRecord, type User, type UserId } from '../../domain';
import type { ActivityPage, Application } from '../api';
import { authorize } from '../authorization';
import { FORMER_USER } from '../comments/comment-view';
import type { AppDeps } from '../deps';

// Bookkeeping events that change nothing a person did (renumbered ranks) stay out of the feed.
const HIDDEN: ReadonlySet<BoardEventRecord['kind']> = new Set(['list.reranked']);

const toEntries = (events: readonly BoardEventRecord[], users: readonly User[]): ActivityEntry[] => {
  const names = new Map(users.map((u) => [u.id, u.name]));
  return events
    .filter((ev) => !HIDDEN.has(ev.kind))
    .map((ev) => {
      const name = names.get(ev.actor) ?? FORMER_USER;
      const text = describeEvent(ev, name, (id) => names.get(id as User['id']) ?? FORMER_USER);
      return { seq: ev.seq, at: ev.at, actor: { id: ev.actor, name }, kind: ev.kind, text };
    });
};

/** Everyone an event names: its actor, and the member it assigns or unassigns. */
const peopleOf = (ev: BoardEventRecord): UserId[] =>
  ev.kind === 'card.member.added' || ev.kind === 'card.member.removed' ? [ev.actor, ev.data.userId] : [ev.actor];

/** The board's activity feed, newest first, a page at a time going back. */
export const boardActivity =
  (deps: AppDeps): Application['boards']['activity'] =>
  (actor, teamId, boardId, page) =>
    pipe(
      authorize(deps)(actor, teamId, 'board.read'),
      TE.chain(() => deps.boards.eventsBefore(teamId, boardId, page.before ?? null, page.limit)),
      TE.chain((events) =>
        pipe(
          deps.users.findMany([...new Set(events.flatMap(peopleOf))]),
          TE.map((users): ActivityPage => {
            const oldest = events[events.length - 1];
            const more = oldest !== undefined && events.length >= page.limit;
            return { entries: toEntries(events, users), nextBefore: more ? oldest.seq : null };
          }),
        ),
      ),
    );
