import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { describeEvent, type ActivityEntry, type BoardEventRecord, type User } from '../../domain';
import type { ActivityPage, Application } from '../api';
import { authorize } from '../authorization';
import { FORMER_USER } from '../comments/comment-view';
import type { AppDeps } from '../deps';

const toEntries = (events: readonly BoardEventRecord[], users: readonly User[]): ActivityEntry[] => {
  const names = new Map(users.map((u) => [u.id, u.name]));
  return events.map((ev) => {
    const name = names.get(ev.actor) ?? FORMER_USER;
    return { seq: ev.seq, at: ev.at, actor: { id: ev.actor, name }, kind: ev.kind, text: describeEvent(ev, name) };
  });
};

/** The board's activity feed, newest first, a page at a time going back. */
export const boardActivity =
  (deps: AppDeps): Application['boards']['activity'] =>
  (actor, teamId, boardId, page) =>
    pipe(
      authorize(deps)(actor, teamId, 'board.read'),
      TE.chain(() => deps.boards.eventsBefore(teamId, boardId, page.before ?? null, page.limit)),
      TE.chain((events) =>
        pipe(
          deps.users.findMany([...new Set(events.map((e) => e.actor))]),
          TE.map((users): ActivityPage => {
            const entries = toEntries(events, users);
            const oldest = entries[entries.length - 1];
            return { entries, nextBefore: oldest !== undefined && entries.length >= page.limit ? oldest.seq : null };
          }),
        ),
      ),
    );
