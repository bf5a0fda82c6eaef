import * as A from 'fp-ts/ReadonlyArray';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  notifiedCardOf,
  notificationsFor,
  type AppError,
  type NewNotification,
  type TeamId,
  type UserId,
} from '../../domain';
import type { OutboxEntry, TeamRepository, UserRepository, WatchStore } from '../ports';
import { notify } from './notify';
import { notifyDeps, type ListenerDeps } from './listeners';

/** What turning outbox entries into notifications reads: members, names and watchers in the catalog. */
export interface DeliverDeps extends ListenerDeps {
  readonly teams: Pick<TeamRepository, 'listMembers'>;
  readonly users: Pick<UserRepository, 'findMany'>;
  readonly watches: Pick<WatchStore, 'watchersOf'>;
}

/** The team's members now, each batch reading each team once. */
const membersOf = (deps: DeliverDeps, teamIds: readonly TeamId[]) =>
  pipe(
    [...new Set(teamIds)],
    A.traverse(TE.ApplicativeSeq)((teamId) =>
      pipe(
        deps.teams.listMembers(teamId),
        TE.map((members) => [teamId, new Set(members.map((m) => m.userId))] as const),
      ),
    ),
    TE.map((pairs) => new Map(pairs)),
  );

const namesOf = (deps: DeliverDeps, ids: readonly UserId[]) =>
  pipe(
    deps.users.findMany([...new Set(ids)]),
    TE.map((users) => new Map(users.map((u) => [u.id, u.name] as const))),
  );

const derive =
  (deps: DeliverDeps, members: ReadonlyMap<TeamId, ReadonlySet<UserId>>, names: ReadonlyMap<UserId, string>) =>
  (entry: OutboxEntry): TE.TaskEither<AppError, readonly NewNotification[]> => {
    const { record } = entry;
    return pipe(
      deps.watches.watchersOf(record.teamId, record.boardId, notifiedCardOf(record)),
      TE.map((watchers) =>
        notificationsFor(record, {
          boardTitle: entry.boardTitle,
          assignees: entry.assignees,
          boardWatchers: watchers.board,
          cardWatchers: watchers.card,
          members: members.get(record.teamId) ?? new Set(),
          actor: { id: record.actor, name: names.get(record.actor) ?? 'Someone' },
        }),
      ),
    );
  };

/**
 * Turns a batch of committed board events into notifications and makes them (record, then every
 * listener). A failure fails the whole batch, which the outbox keeps to hand over again; what was
 * recorded meanwhile is recorded once (unique by person and key).
 */
export const deliverOutbox =
  (deps: DeliverDeps) =>
  (entries: readonly OutboxEntry[]): TE.TaskEither<AppError, void> =>
    pipe(
      TE.Do,
      TE.apS(
        'members',
        membersOf(
          deps,
          entries.map((e) => e.record.teamId),
        ),
      ),
      TE.apS(
        'names',
        namesOf(
          deps,
          entries.map((e) => e.record.actor),
        ),
      ),
      TE.chain(({ members, names }) => pipe(entries, A.traverse(TE.ApplicativeSeq)(derive(deps, members, names)))),
      TE.chain((derived) => notify(notifyDeps(deps))(derived.flat())),
      TE.map(() => undefined),
    );
