import { pipe } from 'fp-ts/function';
import * as T from 'fp-ts/Task';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type {
  BoardStore,
  CommitBatch,
  Decide,
  InvitationRepository,
  TeamPage,
  TeamRepository,
} from '../../application/ports';
import type { ReadCache } from '../../application/ports/cache';
import type { AppError, Board, BoardEventRecord } from '../../domain';

const BoardRow = t.type({
  id: t.string,
  teamId: t.string,
  title: t.string,
  archived: t.boolean,
  createdAt: t.string,
  createdBy: t.string,
});
const MembershipRow = t.type({
  team: t.type({ id: t.string, name: t.string, createdAt: t.string, createdBy: t.string }),
  role: t.string,
});

/** The cache keys, in one place so readers and invalidations cannot drift apart. */
export const cacheKeys = {
  teamsOf: (userId: string) => `teams:user:${userId}`,
  boardsOf: (teamId: string) => `boards:team:${teamId}`,
  board: (teamId: string, boardId: string) => `board:${teamId}:${boardId}`,
};

const decode = <A>(codec: t.Any, raw: string): A | null => {
  try {
    const parsed: unknown = JSON.parse(raw);
    // The value was written by this service from a database row; a shape that no longer fits is a miss.
    return codec.is(parsed) ? (parsed as A) : null;
  } catch {
    return null;
  }
};

/** Reads `key` from the cache, or runs `load` and fills the cache with a Right. */
const readThrough =
  <A>(cache: ReadCache, key: string, codec: t.Any, load: TE.TaskEither<AppError, A>) =>
  async () => {
    const cached = await cache.read(key)();
    const hit = cached.value === null ? null : decode<A>(codec, cached.value);
    if (hit !== null) return TE.right(hit)();
    const loaded = await load();
    if (loaded._tag === 'Right') await cache.fill(key, cached.generation, JSON.stringify(loaded.right))();
    return loaded;
  };

/** Runs `write`, then invalidates `keys` whatever its outcome (a failed commit may still have landed). */
const thenInvalidate = <A>(
  cache: ReadCache,
  write: TE.TaskEither<AppError, A>,
  keys: () => readonly string[],
): TE.TaskEither<AppError, A> =>
  pipe(
    write,
    T.chainFirst(() => cache.invalidate(keys())),
  );

/** The first page of a user's teams is what is cached, at this size; smaller first pages are cut from it. */
const CACHED_TEAMS = 100;
const TeamPageRow = t.type({
  teams: t.readonlyArray(MembershipRow),
  next: t.union([t.null, t.type({ createdAt: t.string, id: t.string })]),
});

/** The first `limit` teams of a cached first page, with the cursor after them. */
const firstPage = (cached: TeamPage, limit: number): TeamPage => {
  if (cached.teams.length <= limit) return cached;
  const teams = cached.teams.slice(0, limit);
  const last = teams[teams.length - 1]!;
  return { teams, next: { createdAt: last.team.createdAt, id: last.team.id } };
};

/** Team lists through the cache; membership changes invalidate the member's list. */
export const cachedTeams = (teams: TeamRepository, cache: ReadCache): TeamRepository => ({
  findById: (id) => teams.findById(id),
  membership: (teamId, userId) => teams.membership(teamId, userId),
  listMembers: (teamId) => teams.listMembers(teamId),
  listForUser: (userId, page) =>
    page.after !== undefined || page.limit > CACHED_TEAMS
      ? teams.listForUser(userId, page)
      : pipe(
          readThrough<TeamPage>(
            cache,
            cacheKeys.teamsOf(userId),
            TeamPageRow,
            teams.listForUser(userId, { limit: CACHED_TEAMS }),
          ),
          TE.map((cached) => firstPage(cached, page.limit)),
        ),
  create: (team, owner) => thenInvalidate(cache, teams.create(team, owner), () => [cacheKeys.teamsOf(owner.userId)]),
  addMember: (member) => thenInvalidate(cache, teams.addMember(member), () => [cacheKeys.teamsOf(member.userId)]),
  changeMembership: (teamId, actorId, targetId, change) =>
    thenInvalidate(cache, teams.changeMembership(teamId, actorId, targetId, change), () => [
      cacheKeys.teamsOf(targetId),
    ]),
});

/** Accepting an invitation adds a membership, so it invalidates the new member's team list. */
export const cachedInvitations = (invitations: InvitationRepository, cache: ReadCache): InvitationRepository => ({
  ...invitations,
  accept: (ref, userId, now) =>
    thenInvalidate(cache, invitations.accept(ref, userId, now), () => [cacheKeys.teamsOf(userId)]),
});

/** Board lists and board metadata through the cache; creating or changing a board invalidates both. */
export const cachedBoards = (boards: BoardStore, cache: ReadCache): BoardStore => ({
  snapshot: (teamId, boardId) => boards.snapshot(teamId, boardId),
  eventsAfter: (teamId, boardId, afterSeq, limit) => boards.eventsAfter(teamId, boardId, afterSeq, limit),
  eventsBefore: (teamId, boardId, beforeSeq, limit) => boards.eventsBefore(teamId, boardId, beforeSeq, limit),
  list: (teamId, boardId, listId) => boards.list(teamId, boardId, listId),
  card: (teamId, boardId, cardId) => boards.card(teamId, boardId, cardId),
  comments: (teamId, boardId, cardId) => boards.comments(teamId, boardId, cardId),
  boardComments: (teamId, boardId) => boards.boardComments(teamId, boardId),
  listBoards: (teamId) =>
    readThrough<readonly Board[]>(
      cache,
      cacheKeys.boardsOf(teamId),
      t.readonlyArray(BoardRow),
      boards.listBoards(teamId),
    ),
  replayOf: (ctx) => boards.replayOf(ctx),
  board: (teamId, boardId) =>
    readThrough<Board>(cache, cacheKeys.board(teamId, boardId), BoardRow, boards.board(teamId, boardId)),
  createBoard: (ctx, event) =>
    thenInvalidate(cache, boards.createBoard(ctx, event), () => [
      cacheKeys.boardsOf(ctx.teamId),
      cacheKeys.board(ctx.teamId, ctx.boardId),
    ]),
  deleteBoard: (teamId, boardId) =>
    thenInvalidate(cache, boards.deleteBoard(teamId, boardId), () => [
      cacheKeys.boardsOf(teamId),
      cacheKeys.board(teamId, boardId),
    ]),
  mutate: (ctx, decide) => {
    // Only a board event changes what is cached; note whether the decision produced one.
    let touchesBoard = false;
    const noting: Decide = (tx) =>
      pipe(
        decide(tx),
        TE.map((event) => {
          touchesBoard = event.kind.startsWith('board.');
          return event;
        }),
      );
    return thenInvalidate(cache, boards.mutate(ctx, noting), () =>
      touchesBoard ? [cacheKeys.boardsOf(ctx.teamId), cacheKeys.board(ctx.teamId, ctx.boardId)] : [],
    );
  },
  commit: (batch) => thenInvalidate(cache, boards.commit(batch), () => boardKeysOf(batch)),
  commitLocked: (teamId, boardId, afterSeq, decide) => {
    let batch: CommitBatch | null = null;
    const deciding = async (missed: readonly BoardEventRecord[]) => (batch = await decide(missed));
    return thenInvalidate(cache, boards.commitLocked(teamId, boardId, afterSeq, deciding), () =>
      batch === null ? [] : boardKeysOf(batch),
    );
  },
});

/** The cached keys a batch invalidates: those of board metadata, when it changes the board itself. */
const boardKeysOf = (batch: CommitBatch): readonly string[] =>
  batch.entries.some((entry) => entry.event.kind.startsWith('board.'))
    ? [cacheKeys.boardsOf(batch.teamId), cacheKeys.board(batch.teamId, batch.boardId)]
    : [];
