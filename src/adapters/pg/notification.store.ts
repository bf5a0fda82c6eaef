import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool } from 'pg';
import type { NotificationStore, RecordedNotification } from '../../application/ports';
import { asUuid, validation, type Notification, type NotificationKind } from '../../domain';
import { rows } from './sql';

interface NotificationRow {
  n: string;
  id: string;
  user_id: string;
  key: string;
  kind: string;
  team_id: string;
  board_id: string | null;
  card_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  title: string;
  board_title: string | null;
  excerpt: string | null;
  at: Date;
  read_at: Date | null;
}

const COLUMNS =
  'n, id, user_id, key, kind, team_id, board_id, card_id, actor_id, actor_name, title, board_title, excerpt, at, read_at';
const KINDS: readonly NotificationKind[] = ['assigned', 'mentioned', 'comment', 'due_soon', 'overdue', 'invited'];

const kindOf = (k: string): NotificationKind => {
  const kind = KINDS.find((x) => x === k);
  if (!kind) throw new Error(`Corrupt notification kind: ${k}`);
  return kind;
};

const fromRow = (r: NotificationRow): Notification => ({
  id: r.id,
  userId: asUuid(r.user_id),
  kind: kindOf(r.kind),
  key: r.key,
  teamId: asUuid(r.team_id),
  boardId: r.board_id === null ? null : asUuid(r.board_id),
  cardId: r.card_id === null ? null : asUuid(r.card_id),
  actor: r.actor_id === null ? null : { id: asUuid(r.actor_id), name: r.actor_name ?? '' },
  title: r.title,
  boardTitle: r.board_title,
  excerpt: r.excerpt,
  at: r.at.toISOString(),
  readAt: r.read_at === null ? null : r.read_at.toISOString(),
});

const RECORD_FIELDS = `ord int, user_id uuid, key text, kind text, team_id uuid, board_id uuid, card_id uuid,
  actor_id uuid, actor_name text, title text, board_title text, excerpt text, at timestamptz`;

/** A person's own notifications they may see: teams they are still in, and invitations. */
const VISIBLE = `user_id = $1 AND (kind = 'invited'
  OR EXISTS (SELECT 1 FROM memberships m WHERE m.team_id = notifications.team_id AND m.user_id = $1))`;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Inboxes in the catalog database, unique by (user_id, key), joined to memberships when read. */
export const makePgNotificationStore = (pool: Pool): NotificationStore => {
  const unread = (userId: string) =>
    pipe(
      rows(
        pool,
        `SELECT count(*)::int AS c FROM notifications WHERE ${VISIBLE} AND read_at IS NULL`,
        [userId],
        (r: { c: number }) => r.c,
      ),
      TE.map(([c]) => c ?? 0),
    );
  return {
    // Insert what is new, then read every item back (new or stored before) in a second statement, which
    // sees rows a concurrent consumer committed meanwhile.
    record: (items) => {
      if (items.length === 0) return TE.right([]);
      const input = JSON.stringify(
        items.map((i, ord) => ({
          ord,
          user_id: i.userId,
          key: i.key,
          kind: i.kind,
          team_id: i.teamId,
          board_id: i.boardId,
          card_id: i.cardId,
          actor_id: i.actor?.id ?? null,
          actor_name: i.actor?.name ?? null,
          title: i.title,
          board_title: i.boardTitle,
          excerpt: i.excerpt,
          at: i.at,
        })),
      );
      return pipe(
        rows(
          pool,
          `INSERT INTO notifications (user_id, key, kind, team_id, board_id, card_id, actor_id, actor_name, title,
                                      board_title, excerpt, at)
           SELECT user_id, key, kind, team_id, board_id, card_id, actor_id, actor_name, title, board_title, excerpt, at
             FROM jsonb_to_recordset($1::jsonb) AS x(${RECORD_FIELDS}) ORDER BY ord
           ON CONFLICT ON CONSTRAINT notifications_user_key DO NOTHING RETURNING id`,
          [input],
          (r: { id: string }) => r.id,
        ),
        TE.chain((inserted) =>
          pipe(
            rows(
              pool,
              `SELECT ${COLUMNS} FROM notifications n
                WHERE (n.user_id, n.key) IN (SELECT user_id, key FROM jsonb_to_recordset($1::jsonb) AS x(${RECORD_FIELDS}))`,
              [input],
              fromRow,
            ),
            TE.map((found) => {
              const fresh = new Set(inserted);
              const byKey = new Map(found.map((n) => [`${n.userId} ${n.key}`, n]));
              return items.map((i): RecordedNotification => {
                const notification = byKey.get(`${i.userId} ${i.key}`);
                if (!notification) throw new Error(`notification ${i.key} vanished while recording`);
                // An item repeated in one batch is created once: the first time it is answered.
                const created = fresh.delete(notification.id);
                return { notification, created };
              });
            }),
          ),
        ),
      );
    },
    list: (userId, page) => {
      if (page.cursor !== undefined && !/^\d{1,18}$/.test(page.cursor))
        return TE.left(validation('Invalid cursor', 'invalid_cursor'));
      return pipe(
        rows(
          pool,
          `SELECT ${COLUMNS} FROM notifications WHERE ${VISIBLE} AND ($2::bigint IS NULL OR n < $2::bigint)
            ORDER BY n DESC LIMIT $3`,
          [userId, page.cursor ?? null, page.limit + 1],
          (r: NotificationRow) => ({ n: r.n, notification: fromRow(r) }),
        ),
        TE.chain((found) =>
          pipe(
            unread(userId),
            TE.map((count) => {
              const shown = found.slice(0, page.limit);
              const last = shown[shown.length - 1];
              return {
                notifications: shown.map((f) => f.notification),
                unread: count,
                nextCursor: found.length > page.limit && last ? last.n : null,
              };
            }),
          ),
        ),
      );
    },
    markRead: (userId, which, at) => {
      const ids = 'ids' in which ? which.ids.filter((id) => UUID_RE.test(id)) : null;
      return pipe(
        rows(
          pool,
          `UPDATE notifications SET read_at = $3
            WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY ($2::uuid[]))`,
          [userId, ids, at],
          () => undefined,
        ),
        TE.chain(() => unread(userId)),
      );
    },
    markReadByKey: (userId, key, at) =>
      pipe(
        rows(
          pool,
          `UPDATE notifications SET read_at = $3 WHERE user_id = $1 AND key = $2 AND read_at IS NULL RETURNING id`,
          [userId, key, at],
          (r: { id: string }) => r.id,
        ),
        TE.chain((ids) =>
          pipe(
            unread(userId),
            TE.map((count) => ({ ids, unread: count })),
          ),
        ),
      ),
  };
};
