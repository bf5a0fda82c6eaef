import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Notification, NotificationKind } from '../../../src/domain/notification';

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);
const Kind: t.Type<NotificationKind> = t.keyof({
  assigned: null,
  mentioned: null,
  comment: null,
  due_soon: null,
  overdue: null,
  invited: null,
});

/** A notification as the socket carries it; ids are checked as strings (the server made them). */
const NotificationCodec = t.type({
  id: t.string,
  userId: t.string,
  kind: Kind,
  key: t.string,
  teamId: t.string,
  boardId: nullable(t.string),
  cardId: nullable(t.string),
  actor: nullable(t.type({ id: t.string, name: t.string })),
  title: t.string,
  boardTitle: nullable(t.string),
  excerpt: nullable(t.string),
  at: t.string,
  readAt: nullable(t.string),
});

const FrameCodec = t.type({ type: t.literal('notification'), notification: NotificationCodec });

/**
 * The notification a socket frame carries (`{"type":"notification","notification":…}`), or null for
 * any other frame and for one that does not decode: the inbox never shows what it cannot read.
 */
export const notificationOfFrame = (data: string): Notification | null => {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const decoded = FrameCodec.decode(json);
  return E.isRight(decoded) ? (decoded.right.notification as Notification) : null;
};
