import type { Board, Card, List } from '../../../src/domain/board';
import type { BoardState } from '../../../src/domain/board-state';
import type { BoardEventRecord } from '../../../src/domain/events';
import { ApiError, NetworkError, SessionMismatch, type ApiClient } from '../api/client';
import type { MutationOp } from './ops';
import type { PendingMutation } from './pending';

/** How the server answered one mutation: accepted as event `seq`, refused, or not reachable (retry later). */
export type SendResult =
  | { readonly type: 'ack'; readonly seq: number }
  | { readonly type: 'nack'; readonly error: { readonly code: string; readonly message: string } }
  | { readonly type: 'retry' };

export interface EventsPage {
  readonly events: readonly BoardEventRecord[];
  readonly hasMore: boolean;
}

/** A read's answer: the data, `null` when the server cannot be reached (retry later), or 'denied'. */
export type Fetched<T> = T | null | 'denied';

/** What the sync engine needs from the server for one board. */
export interface BoardTransport {
  readonly send: (m: PendingMutation) => Promise<SendResult>;
  /** Events after `seq`, oldest first; 'denied' when the board is gone or the user may not read it. */
  readonly events: (after: number) => Promise<Fetched<EventsPage>>;
  /** The whole board; 'denied' when the board is gone or the user may not read it. */
  readonly snapshot: () => Promise<Fetched<BoardState>>;
}

interface Snapshot {
  readonly board: Board;
  readonly lists: readonly List[];
  readonly cards: readonly Card[];
  readonly seq: number;
}

export const toBoardState = (s: Snapshot): BoardState => ({
  board: s.board,
  lists: Object.fromEntries(s.lists.map((l) => [l.id, l])),
  cards: Object.fromEntries(s.cards.map((c) => [c.id, c])),
  seq: s.seq,
});

const request = (base: string, op: MutationOp): { method: string; path: string; body: unknown } => {
  switch (op.kind) {
    case 'list.create':
      return { method: 'POST', path: `${base}/lists`, body: { title: op.title, id: op.listId } };
    case 'list.update':
      return { method: 'PATCH', path: `${base}/lists/${op.listId}`, body: op.changes };
    case 'list.move':
      return {
        method: 'POST',
        path: `${base}/lists/${op.listId}/move`,
        body: { afterListId: op.afterListId, beforeListId: op.beforeListId },
      };
    case 'card.create':
      return { method: 'POST', path: `${base}/cards`, body: { listId: op.listId, title: op.title, id: op.cardId } };
    case 'card.update':
      return { method: 'PATCH', path: `${base}/cards/${op.cardId}`, body: op.changes };
    case 'card.move':
      return {
        method: 'POST',
        path: `${base}/cards/${op.cardId}/move`,
        body: { toListId: op.toListId, afterCardId: op.afterCardId, beforeCardId: op.beforeCardId },
      };
    case 'comment.create':
      return { method: 'POST', path: `${base}/cards/${op.cardId}/comments`, body: { body: op.body, id: op.commentId } };
  }
};

/**
 * Errors worth retrying: the request may not have been applied, and the same mid makes a retry safe.
 * A session of another user is one too: the queue waits, untouched, until its owner signs in again.
 */
const retryable = (err: unknown) =>
  err instanceof NetworkError ||
  err instanceof SessionMismatch ||
  (err instanceof ApiError && (err.status >= 500 || err.status === 429 || err.status === 408));

/** Not found (also what another team's board answers), forbidden, or an id that is not an id. */
const denied = (err: unknown) => err instanceof ApiError && [400, 403, 404].includes(err.status);

/**
 * Mutations over REST with the mutation id as `Idempotency-Key`: the server dedupes by it, so a
 * mutation whose answer was lost is replayed and applied exactly once. Every request goes out only
 * under `owner`'s session (`asUser`): the queue is that user's, whoever is signed in now.
 */
export const restTransport = (api: ApiClient, teamId: string, boardId: string, owner: string): BoardTransport => {
  const base = `/api/teams/${teamId}/boards/${boardId}`;
  const read = async <T>(path: string): Promise<Fetched<T>> => {
    try {
      return await api.request<T>('GET', path, { asUser: owner });
    } catch (err) {
      if (retryable(err)) return null;
      if (denied(err)) return 'denied';
      throw err;
    }
  };
  return {
    send: async (m) => {
      const { method, path, body } = request(base, m.op);
      try {
        const res = await api.request<{ seq: number }>(method, path, {
          body,
          idempotencyKey: m.mid,
          asUser: owner,
        });
        return { type: 'ack', seq: res.seq };
      } catch (err) {
        if (retryable(err)) return { type: 'retry' };
        if (err instanceof ApiError) return { type: 'nack', error: { code: err.code, message: err.message } };
        throw err;
      }
    },
    events: (after) => read<EventsPage>(`${base}/events?after=${after}&limit=1000`),
    snapshot: async () => {
      const s = await read<Snapshot>(base);
      return s === null || s === 'denied' ? s : toBoardState(s);
    },
  };
};
