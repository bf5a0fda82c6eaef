import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { BoardSnapshotCodec, type BoardSnapshot } from './entity-codecs';
import { BoardEventRecordCodec, decodeEventRecord, EVENT_SCHEMA_VERSION } from './event-record';
import type { BoardEventRecord } from './events';
import { Uuid, type BoardId, type TeamId, type UserId } from './ids';
import type { PresenceViewer } from './presence';
import type { Role } from './roles';
import { NotificationCodec } from './notification-codec';
import type { Notification } from './notification';
import { Seq } from './wire-client';
import { describeWireErrors, frameCodecFor, type WireProblem } from './wire';

export type { BoardSnapshot } from './entity-codecs';

/**
 * The frames the server sends (docs/protocol.md, "Server → client"). The types are what the server
 * builds; each codec is annotated with its type, so the compiler holds the two together. Decoding is
 * exact but not strict: a field added later is dropped, as the protocol's additive changes require.
 */

/** An error as frames carry it. */
export interface WireError {
  readonly code: string;
  readonly message: string;
  /** True when resending the same frame later may succeed (the same `mid` included). */
  readonly retryable: boolean;
}

type Scoped = { readonly teamId: TeamId; readonly boardId: BoardId };
export type ReadyFrame = {
  readonly type: 'ready';
  readonly protocol: number;
  readonly userId: UserId;
  readonly expiresAt: string;
};
export type MembershipFrame = { readonly type: 'membership'; readonly teamId: TeamId; readonly role: Role };
export type SnapshotFrame = { readonly type: 'snapshot' } & Scoped & BoardSnapshot;
export type SubscribedFrame = { readonly type: 'subscribed'; readonly seq: number } & Scoped;
export type UnsubscribedFrame = { readonly type: 'unsubscribed' } & Scoped;
export type AckFrame = { readonly type: 'ack'; readonly mid: string; readonly boardId: BoardId; readonly seq: number };
export type NackFrame = {
  readonly type: 'nack';
  readonly mid: string;
  readonly boardId: BoardId;
  readonly error: WireError;
};
export type ResyncFrame = { readonly type: 'resync'; readonly reason: string } & Scoped;
export type ErrorFrame = { readonly type: 'error'; readonly error: WireError } & Partial<Scoped>;
export type PongFrame = { readonly type: 'pong' };
/** Everyone on a board now (the recipient included), one entry per user; each frame is the whole state. */
export type PresenceStateFrame = { readonly type: 'presence'; readonly viewers: readonly PresenceViewer[] } & Scoped;
/** A committed event; on the wire its record's fields sit beside `type` and the schema version `v`. */
export type EventFrame = { readonly type: 'event'; readonly event: BoardEventRecord };
/** A notification stored for the socket's person (sent to every authenticated socket of theirs). */
export type NotificationFrame = { readonly type: 'notification'; readonly notification: Notification };
/**
 * The person marked notifications read (in one of their tabs, on any instance): these `ids`, or `all`
 * of them; `unread` is their inbox's unread count after.
 */
export type NotificationsReadFrame = { readonly type: 'notifications.read'; readonly unread: number } & (
  { readonly ids: readonly string[] } | { readonly all: true }
);

export type ServerFrame =
  | ReadyFrame
  | MembershipFrame
  | SnapshotFrame
  | SubscribedFrame
  | UnsubscribedFrame
  | AckFrame
  | NackFrame
  | ResyncFrame
  | ErrorFrame
  | PongFrame
  | EventFrame
  | PresenceStateFrame
  | NotificationFrame
  | NotificationsReadFrame;

type Codec<F> = t.Type<F, unknown, unknown>;
const frame = <P extends t.Props>(props: P, name: string) => t.readonly(t.exact(t.type(props)), name);

const WireErrorCodec: Codec<WireError> = frame(
  { code: t.string, message: t.string, retryable: t.boolean },
  'WireError',
);
const RoleCodec: Codec<Role> = t.keyof({ owner: null, admin: null, member: null, viewer: null }, 'Role');
const scoped = { teamId: Uuid, boardId: Uuid };
const ViewerCodec: Codec<PresenceViewer> = frame(
  { userId: Uuid, name: t.string, editing: t.union([Uuid, t.null]) },
  'PresenceViewer',
);

/** The `event` frame of a record: the record's own fields only, whatever else the object holds. */
const eventFrameJson = (e: BoardEventRecord) => ({
  type: 'event' as const,
  v: EVENT_SCHEMA_VERSION,
  teamId: e.teamId,
  boardId: e.boardId,
  seq: e.seq,
  kind: e.kind,
  data: e.data,
  actor: e.actor,
  origin: e.origin,
  at: e.at,
});

/** Decodes through `decodeEventRecord`, so a frame of an older schema version is upcast first. */
const EventFrameCodec: Codec<EventFrame> = new t.Type<EventFrame, unknown, unknown>(
  'event',
  (u): u is EventFrame =>
    typeof u === 'object' &&
    u !== null &&
    (u as { type?: unknown }).type === 'event' &&
    BoardEventRecordCodec.is((u as { event?: unknown }).event),
  (u, c) => {
    const record = decodeEventRecord(u);
    return E.isRight(record) ? t.success({ type: 'event', event: record.right }) : t.failure(u, c, record.left);
  },
  (f) => eventFrameJson(f.event),
);

const NotificationsReadFrameCodec: Codec<NotificationsReadFrame> = t.intersection(
  [
    frame({ type: t.literal('notifications.read'), unread: t.number }, 'notifications.read'),
    t.union([frame({ ids: t.readonlyArray(t.string) }, 'ids'), frame({ all: t.literal(true) }, 'all')]),
  ],
  'notifications.read',
);

const SnapshotFrameCodec: Codec<SnapshotFrame> = t.intersection(
  [frame({ type: t.literal('snapshot'), ...scoped }, 'snapshot'), BoardSnapshotCodec],
  'snapshot',
);

/** The codec of every server frame type. */
export const SERVER_FRAME_CODECS: { readonly [K in ServerFrame['type']]: Codec<Extract<ServerFrame, { type: K }>> } = {
  ready: frame({ type: t.literal('ready'), protocol: t.number, userId: Uuid, expiresAt: t.string }, 'ready'),
  membership: frame({ type: t.literal('membership'), teamId: Uuid, role: RoleCodec }, 'membership'),
  snapshot: SnapshotFrameCodec,
  subscribed: frame({ type: t.literal('subscribed'), ...scoped, seq: Seq }, 'subscribed'),
  unsubscribed: frame({ type: t.literal('unsubscribed'), ...scoped }, 'unsubscribed'),
  ack: frame({ type: t.literal('ack'), mid: t.string, boardId: Uuid, seq: Seq }, 'ack'),
  nack: frame({ type: t.literal('nack'), mid: t.string, boardId: Uuid, error: WireErrorCodec }, 'nack'),
  resync: frame({ type: t.literal('resync'), ...scoped, reason: t.string }, 'resync'),
  error: t.intersection(
    [frame({ type: t.literal('error'), error: WireErrorCodec }, 'error'), t.exact(t.partial(scoped))],
    'error',
  ),
  pong: frame({ type: t.literal('pong') }, 'pong'),
  event: EventFrameCodec,
  presence: frame({ type: t.literal('presence'), ...scoped, viewers: t.readonlyArray(ViewerCodec) }, 'presence'),
  notification: frame({ type: t.literal('notification'), notification: NotificationCodec }, 'notification'),
  'notifications.read': NotificationsReadFrameCodec,
};

/**
 * The text of an event frame. The server builds it once per event and sends the same bytes to every
 * socket, so it is plain JSON, not a codec's encode.
 */
export const encodeEventFrame = (e: BoardEventRecord): string => JSON.stringify(eventFrameJson(e));

/** The text of any server frame (an `event` frame as `encodeEventFrame` writes it). */
export const encodeServerFrame = (f: ServerFrame): string =>
  f.type === 'event' ? encodeEventFrame(f.event) : JSON.stringify(f);

/**
 * Reads one frame the server sent: JSON, a known `type`, and that type's shape; an event frame is
 * upcast from its schema version. A client drops a frame refused here instead of trusting it; an
 * `unknown_type` is a frame type newer than this build, which the protocol says to ignore.
 */
export const decodeServerFrame = (data: string): E.Either<WireProblem, ServerFrame> => {
  const found = frameCodecFor<t.Decoder<unknown, ServerFrame>>(data, SERVER_FRAME_CODECS);
  if (E.isLeft(found)) return found;
  const { json, type, codec } = found.right;
  return E.mapLeft((errors: t.Errors): WireProblem => ({
    code: 'bad_frame',
    message: `${type}: ${describeWireErrors(errors)}`,
  }))(codec.decode(json));
};
