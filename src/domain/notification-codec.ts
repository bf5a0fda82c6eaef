import * as t from 'io-ts';
import { Uuid } from './ids';
import type { Notification, NotificationKind } from './notification';

const Kind: t.Type<NotificationKind, NotificationKind, unknown> = t.keyof(
  { assigned: null, mentioned: null, comment: null, due_soon: null, overdue: null, invited: null },
  'NotificationKind',
);

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);

/**
 * A stored notification as the socket frame and the control channel carry it. Exact: fields added later
 * are dropped by older readers.
 */
export const NotificationCodec: t.Type<Notification, unknown, unknown> = t.readonly(
  t.exact(
    t.type({
      id: t.string,
      userId: Uuid,
      kind: Kind,
      key: t.string,
      teamId: Uuid,
      boardId: nullable(Uuid),
      cardId: nullable(Uuid),
      actor: nullable(t.readonly(t.exact(t.type({ id: Uuid, name: t.string })))),
      title: t.string,
      boardTitle: nullable(t.string),
      excerpt: nullable(t.string),
      at: t.string,
      readAt: nullable(t.string),
    }),
  ),
  'Notification',
);
