import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { BoardStore, BoardTx, Decide, MutationContext } from '../../src/application/ports';
import {
  commands,
  rankBetween,
  validation,
  type AppError,
  type BoardEvent,
  type BoardEventRecord,
  type Card,
  type CardId,
  type List,
  type ListId,
  type Origin,
  type Placement,
  type Slot,
  type Uuid,
} from '../../src/domain';
import { newId, ok, ticker } from './fixtures';

/** Aborts the mutation after its reads, handing what it saw to the test. */
export const probe =
  <A>(read: (tx: BoardTx) => TE.TaskEither<AppError, A>, seen: { value?: A }): Decide =>
  (tx) =>
    pipe(
      read(tx),
      TE.chain((value) => {
        seen.value = value;
        return TE.left(validation('probe only', 'probe'));
      }),
    );

/** One team with one board in a store, and shorthands for the mutations the contract cases make. */
export interface BoardWorld {
  readonly store: BoardStore;
  readonly teamId: Uuid;
  readonly boardId: Uuid;
  readonly actor: Uuid;
  readonly ctx: (origin?: Origin) => MutationContext;
  readonly mutate: (decide: Decide, origin?: Origin) => Promise<BoardEventRecord>;
  readonly addList: (title: string) => Promise<List>;
  readonly addCard: (listId: ListId, title: string, at?: Placement<CardId>, id?: CardId) => Promise<Card>;
}

export const createCardDecision =
  (listId: ListId, title: string, at: Placement<CardId> = {}, id: CardId = newId(), when: string): Decide =>
  (tx: BoardTx) =>
    pipe(
      TE.Do,
      TE.bind('list', () => tx.list(listId)),
      TE.bind('rank', () => pipe(tx.cardGap(listId, at, null), TE.chainEitherK(rankBetween))),
      TE.chainEitherK(({ list, rank }) =>
        commands.createCard(tx.board, list, {
          id,
          title,
          description: '',
          dueDate: null,
          labels: [],
          rank,
          actor: tx.board.createdBy,
          at: when,
        }),
      ),
    );

type BoardCreated = Extract<BoardEvent, { kind: 'board.created' }>;

/** `commands.createBoard`, narrowed to the event kind `BoardStore.createBoard` takes. */
export const boardCreated = (p: Parameters<typeof commands.createBoard>[0]): BoardCreated => {
  const ev = commands.createBoard(p);
  if (ev.kind !== 'board.created') throw new Error('createBoard made another kind of event');
  return ev;
};

/** Creates a board in a fresh team and returns helpers bound to it. */
export const boardWorld = async (store: BoardStore, title = 'Roadmap'): Promise<BoardWorld> => {
  const teamId = newId();
  const boardId = newId();
  const actor = newId();
  const now = ticker();
  const ctx = (origin?: Origin): MutationContext => ({ teamId, boardId, actor, at: now(), origin: origin ?? null });
  const first = ctx();
  await ok(store.createBoard(first, boardCreated({ id: boardId, teamId, title, actor, at: first.at })));
  const mutate = (decide: Decide, origin?: Origin) => ok(store.mutate(ctx(origin), decide));
  const addList = async (listTitle: string): Promise<List> => {
    const id = newId();
    const at = now();
    await mutate((tx) =>
      pipe(
        tx.listGap({}, null),
        TE.chainEitherK(rankBetween),
        TE.chainEitherK((rank) => commands.createList(tx.board, { id, title: listTitle, rank, at })),
      ),
    );
    return ok(store.list(teamId, boardId, id));
  };
  const addCard = async (listId: ListId, cardTitle: string, at: Placement<CardId> = {}, id: CardId = newId()) => {
    await mutate(createCardDecision(listId, cardTitle, at, id, now()));
    return ok(store.card(teamId, boardId, id));
  };
  return { store, teamId, boardId, actor, ctx, mutate, addList, addCard };
};

/** Reads `cardGap` in a list of the world's board inside a mutation that is then aborted; a refusal is returned as is. */
export const gapProbe =
  (store: BoardStore, w: BoardWorld, listId: ListId) =>
  async (at: Placement<CardId>, moving: CardId | null): Promise<Slot | AppError> => {
    const seen: { value?: Slot } = {};
    const result = await store.mutate(
      w.ctx(),
      probe((tx) => tx.cardGap(listId, at, moving), seen),
    )();
    if (result._tag === 'Right') throw new Error('a probe never commits');
    return result.left.code === 'probe' ? seen.value! : result.left;
  };
