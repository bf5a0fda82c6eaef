import * as E from 'fp-ts/Either';
import type { WatchStore, WatchTarget } from '../../application/ports';
import type { CardId, UserId } from '../../domain';

interface Watch extends WatchTarget {
  readonly userId: UserId;
}

const same = (a: Watch, b: Watch): boolean =>
  a.userId === b.userId && a.teamId === b.teamId && a.boardId === b.boardId && a.cardId === b.cardId;

/** Watches in memory, oldest first, each (person, board, card) once. */
export class MemoryWatchStore implements WatchStore {
  private watches: Watch[] = [];

  readonly watch: WatchStore['watch'] = (userId, target) => async () => {
    const w = { userId, ...target };
    if (!this.watches.some((x) => same(x, w))) this.watches.push(w);
    return E.right(undefined);
  };

  readonly unwatch: WatchStore['unwatch'] = (userId, target) => async () => {
    const w = { userId, ...target };
    this.watches = this.watches.filter((x) => !same(x, w));
    return E.right(undefined);
  };

  readonly forgetBoard: WatchStore['forgetBoard'] = (teamId, boardId) => async () => {
    this.watches = this.watches.filter((w) => w.teamId !== teamId || w.boardId !== boardId);
    return E.right(undefined);
  };

  readonly watchesOn: WatchStore['watchesOn'] = (userId, teamId, boardId) => async () => {
    const mine = this.watches.filter((w) => w.userId === userId && w.teamId === teamId && w.boardId === boardId);
    return E.right({
      board: mine.some((w) => w.cardId === null),
      cards: mine.flatMap((w) => (w.cardId === null ? [] : [w.cardId])),
    });
  };

  readonly watchersOf: WatchStore['watchersOf'] = (teamId, boardId, cardId) => async () => {
    const on = this.watches.filter((w) => w.teamId === teamId && w.boardId === boardId);
    const of = (card: CardId | null) => on.filter((w) => w.cardId === card).map((w) => w.userId);
    return E.right({ board: of(null), card: cardId === null ? [] : of(cardId) });
  };
}
