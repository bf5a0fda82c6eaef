import type { BoardState } from '../../../src/domain/board-state';
import type { BoardSnapshot } from '../../../src/domain/entity-codecs';
import type { BoardEventRecord } from '../../../src/domain/events';
import { OP_ROUTES } from '../../../src/domain/op-routes';
import { ApiError, NetworkError, SessionMismatch, type ApiClient } from '../api/client';
import type { BoardOpInput } from './ops';
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

/** The reducer's state of a snapshot (REST or a `snapshot` frame): lists and cards by id. */
export const toBoardState = (s: BoardSnapshot): BoardState => ({
  board: s.board,
  lists: Object.fromEntries(s.lists.map((l) => [l.id, l])),
  cards: Object.fromEntries(s.cards.map((c) => [c.id, c])),
  seq: s.seq,
});

/** The request that carries `op` over REST. */
export const restRequest = (base: string, op: BoardOpInput): { method: string; path: string; body?: unknown } => {
  const r = OP_ROUTES[op.kind];
  const fields = op as unknown as Record<string, string>;
  const path = r.path.replace(/:(\w+)/g, (_m, key: string) => encodeURIComponent(fields[key] ?? ''));
  const body = Object.fromEntries(
    Object.entries(op).filter(([key, value]) => key !== 'kind' && !r.pathKeys.includes(key) && value !== undefined),
  );
  return { method: r.method, path: `${base}${path}`, ...(r.method !== 'DELETE' && { body }) };
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
      const { method, path, body } = restRequest(base, m.op);
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
      const s = await read<BoardSnapshot>(base);
      return s === null || s === 'denied' ? s : toBoardState(s);
    },
  };
};
