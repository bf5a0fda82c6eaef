import { byDisplayOrder, orderedLists, type BoardSnapshot, type BoardState, type Card } from '../../domain';

/**
 * A board's snapshot and its JSON text, made once for one state of the engine (one seq) and handed to
 * every reader of that state: the REST body and the socket's `snapshot` frame are cut from `json`
 * instead of serialising a 5,000-card board per request.
 */
export interface SharedSnapshot {
  readonly snapshot: BoardSnapshot;
  /** `JSON.stringify(snapshot)`. */
  readonly json: string;
}

/** Lists in display order, and cards list by list in display order (one pass over the cards). */
export const toSnapshot = (state: BoardState): BoardSnapshot => {
  const lists = orderedLists(state);
  const perList = new Map<string, Card[]>(lists.map((l) => [l.id, []]));
  for (const card of Object.values(state.cards)) perList.get(card.listId)?.push(card);
  const cards = lists.flatMap((l) => perList.get(l.id)!.sort(byDisplayOrder));
  return { board: state.board, lists, cards, seq: state.seq };
};

export const shareSnapshot = (state: BoardState): SharedSnapshot => {
  const snapshot = toSnapshot(state);
  return { snapshot, json: JSON.stringify(snapshot) };
};

/** One board's shared snapshot, with the state it was made from (the key: a new state is a new seq). */
interface Entry {
  readonly state: BoardState;
  readonly shared: SharedSnapshot;
}

/**
 * The engine's shared snapshots, at most one per held board and keyed by the state they were made
 * from, so one made before any change (a new seq, a reload after a tenant move or a fence refusal, all
 * of which replace the state) is never handed out. Bounded by the text they hold: past `budgetChars`
 * the least recently read go first (a dropped one is made again on its next read).
 */
export class SnapshotShelf {
  private readonly entries = new Map<string, Entry>();
  private charsHeld = 0;

  constructor(private readonly budgetChars: number) {}

  /** The shared snapshot of `state`, made now unless the one held for the board is of that very state. */
  of(key: string, state: BoardState): SharedSnapshot {
    const held = this.entries.get(key);
    if (held?.state === state) {
      this.entries.delete(key);
      this.entries.set(key, held);
      return held.shared;
    }
    const shared = shareSnapshot(state);
    this.drop(key);
    if (shared.json.length <= this.budgetChars) {
      this.entries.set(key, { state, shared });
      this.charsHeld += shared.json.length;
      this.evict();
    }
    return shared;
  }

  /** Forgets the board's snapshot (its state changed or the board was dropped). */
  drop(key: string): void {
    const held = this.entries.get(key);
    if (!held) return;
    this.entries.delete(key);
    this.charsHeld -= held.shared.json.length;
  }

  /** Snapshots held and the characters of text they add up to (metrics, tests). */
  held(): { readonly snapshots: number; readonly chars: number } {
    return { snapshots: this.entries.size, chars: this.charsHeld };
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.charsHeld <= this.budgetChars) return;
      this.drop(key);
    }
  }
}
