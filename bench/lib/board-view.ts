import { boardPath, call, type Session } from './rest';
import { BenchSocket } from './socket';

interface Placed {
  listId: string;
  rank: string;
}

interface SnapshotShape {
  readonly cards: readonly { id: string; listId: string; rank: string }[];
  readonly seq: number;
}

type EventShape = {
  kind: string;
  data: {
    cardId?: string;
    toListId?: string;
    rank?: string;
    listId?: string;
    ranks?: { cardId: string; rank: string }[];
  };
};

// Ranks are compared as Postgres' COLLATE "C" does: by code unit, which `<` on ASCII strings is.
const byRank = (a: Placed & { id: string }, b: Placed & { id: string }) =>
  a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0;

/**
 * Where each card of a board is, as one client sees it: a snapshot, then the live events of one
 * subscribed socket applied as they come (card moves and list renumbering; the bench creates nothing
 * meanwhile). Like any client's view it lags the server by the events in flight, so an anchor picked
 * from it may have moved by the time the server decides: the stale anchors scenario 11 wants.
 */
export class BoardView {
  private readonly cards = new Map<string, Placed>();
  private socket: BenchSocket | null = null;

  private constructor(
    private readonly teamId: string,
    private readonly boardId: string,
  ) {}

  /** Reads the snapshot over REST and follows the board on `wsUrl` from its seq. */
  static async follow(session: Session, wsUrl: string, teamId: string, boardId: string): Promise<BoardView> {
    const view = new BoardView(teamId, boardId);
    const snapshot = await call<SnapshotShape>(session, 'GET', boardPath(teamId, boardId));
    view.load(snapshot);
    const socket = new BenchSocket(wsUrl, session.token, `view-${Math.random().toString(36).slice(2)}`);
    socket.onFrame = (text) => view.receive(text);
    await socket.open();
    socket.lastSeq = snapshot.seq;
    await socket.subscribe(teamId, boardId);
    view.socket = socket;
    return view;
  }

  /** Card ids of a list in rank order, as this view has it. */
  inList(listId: string): string[] {
    return [...this.cards]
      .filter(([, p]) => p.listId === listId)
      .map(([id, p]) => ({ id, ...p }))
      .sort(byRank)
      .map((c) => c.id);
  }

  close(): void {
    this.socket?.close();
  }

  private load(snapshot: SnapshotShape): void {
    this.cards.clear();
    for (const c of snapshot.cards) this.cards.set(c.id, { listId: c.listId, rank: c.rank });
  }

  private receive(text: string): void {
    if (text.startsWith('{"type":"event"')) return this.apply(JSON.parse(text) as EventShape);
    if (text.includes('"type":"snapshot"')) this.load(JSON.parse(text) as SnapshotShape);
  }

  private apply(e: EventShape): void {
    const { data } = e;
    if (e.kind === 'card.moved' && data.cardId && data.toListId && data.rank)
      this.cards.set(data.cardId, { listId: data.toListId, rank: data.rank });
    if (e.kind === 'list.reranked' && data.listId)
      for (const r of data.ranks ?? []) this.cards.set(r.cardId, { listId: data.listId, rank: r.rank });
  }

  /** Which board this view follows (for the movers' frames). */
  get board(): { teamId: string; boardId: string } {
    return { teamId: this.teamId, boardId: this.boardId };
  }
}
