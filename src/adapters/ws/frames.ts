import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { BoardSnapshot } from '../../application/api';
import {
  BoardOp,
  findUnstorableText,
  EVENT_SCHEMA_VERSION,
  strict,
  type Role,
  Uuid,
  type BoardEventRecord,
  type BoardId,
  type TeamId,
} from '../../domain';

/** The protocol version this gateway speaks (docs/protocol.md). */
export const PROTOCOL_VERSION = 1;

/** Client-chosen opaque ids (client id, mutation id): 1–128 printable characters. */
const ClientKey = t.refinement(t.string, (s) => /^[\x21-\x7e]{1,128}$/.test(s), 'ClientKey');
const Seq = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'Seq');

export const AuthFrame = strict('auth', { type: t.literal('auth'), token: t.string }, {});
export const SubscribeFrame = strict(
  'subscribe',
  { type: t.literal('subscribe'), teamId: Uuid, boardId: Uuid },
  { lastSeq: Seq },
);
export const UnsubscribeFrame = strict(
  'unsubscribe',
  { type: t.literal('unsubscribe'), teamId: Uuid, boardId: Uuid },
  {},
);
export const MutateFrame = strict(
  'mutate',
  { type: t.literal('mutate'), mid: ClientKey, clientId: ClientKey, teamId: Uuid, boardId: Uuid, op: t.unknown },
  {},
);
export const PingFrame = strict('ping', { type: t.literal('ping') }, {});

export type AuthFrame = t.TypeOf<typeof AuthFrame>;
export type SubscribeFrame = t.TypeOf<typeof SubscribeFrame>;
export type UnsubscribeFrame = t.TypeOf<typeof UnsubscribeFrame>;
export type MutateFrame = t.TypeOf<typeof MutateFrame>;
export type ClientFrame = AuthFrame | SubscribeFrame | UnsubscribeFrame | MutateFrame | { readonly type: 'ping' };

const CODECS: Record<ClientFrame['type'], t.Decoder<unknown, ClientFrame>> = {
  auth: AuthFrame,
  subscribe: SubscribeFrame,
  unsubscribe: UnsubscribeFrame,
  mutate: MutateFrame,
  ping: PingFrame,
};

/**
 * Why a frame could not be read; becomes an `error` frame (or, for an op, a nack) with this code.
 * `bad_input` is text no field may hold (NUL, lone surrogates) or an op a value object refused.
 */
export interface FrameProblem {
  readonly code: 'bad_json' | 'unknown_type' | 'bad_frame' | 'bad_input';
  readonly message: string;
}

const BAD_TEXT: FrameProblem = {
  code: 'bad_input',
  message: 'Text must not contain NUL characters or unpaired surrogates',
};

const describe = (errors: t.Errors): string => {
  const first = errors[0];
  if (!first) return 'invalid frame';
  const path = first.context
    .map((c) => c.key)
    .filter((k) => k !== '')
    .join('.');
  return first.message ?? `invalid value at "${path || '(root)'}"`;
};

/** Reads one text frame: JSON, a known `type`, and that type's shape. */
export const decodeClientFrame = (data: string): E.Either<FrameProblem, ClientFrame> => {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return E.left({ code: 'bad_json', message: 'Frames must be JSON text' });
  }
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  const codec =
    typeof type === 'string' && Object.hasOwn(CODECS, type) ? CODECS[type as ClientFrame['type']] : undefined;
  if (!codec) return E.left({ code: 'unknown_type', message: 'Unknown frame type' });
  const frame = codec.decode(json);
  // A mutate's op is checked by `decodeOp`, so its refusal can be a nack that names the mid.
  const textToCheck = E.isRight(frame) && frame.right.type === 'mutate' ? { ...frame.right, op: null } : json;
  if (findUnstorableText(textToCheck) !== null) return E.left(BAD_TEXT);
  return E.mapLeft((errors: t.Errors): FrameProblem => ({
    code: 'bad_frame',
    message: `${type}: ${describe(errors)}`,
  }))(frame);
};

/** Reads a mutate frame's op with the domain's `BoardOp` codec; every refusal is `bad_input`, the code a nack carries. */
export const decodeOp = (op: unknown): E.Either<FrameProblem, BoardOp> =>
  findUnstorableText(op) !== null
    ? E.left(BAD_TEXT)
    : E.mapLeft((errors: t.Errors): FrameProblem => ({ code: 'bad_input', message: `op: ${describe(errors)}` }))(
        BoardOp.decode(op),
      );

/** An error as frames carry it. */
export interface WireError {
  readonly code: string;
  readonly message: string;
  /** True when resending the same frame later may succeed (the same `mid` included). */
  readonly retryable: boolean;
}

export type ServerFrame =
  | { readonly type: 'ready'; readonly protocol: number; readonly userId: string; readonly expiresAt: string }
  | { readonly type: 'membership'; readonly teamId: TeamId; readonly role: Role }
  | ({ readonly type: 'snapshot'; readonly teamId: TeamId; readonly boardId: BoardId } & BoardSnapshot)
  | { readonly type: 'subscribed'; readonly teamId: TeamId; readonly boardId: BoardId; readonly seq: number }
  | { readonly type: 'unsubscribed'; readonly teamId: TeamId; readonly boardId: BoardId }
  | { readonly type: 'ack'; readonly mid: string; readonly boardId: BoardId; readonly seq: number }
  | { readonly type: 'nack'; readonly mid: string; readonly boardId: BoardId; readonly error: WireError }
  | { readonly type: 'resync'; readonly teamId: TeamId; readonly boardId: BoardId; readonly reason: string }
  | { readonly type: 'error'; readonly error: WireError; readonly teamId?: TeamId; readonly boardId?: BoardId }
  | { readonly type: 'pong' };

/**
 * The `event` frame for a committed event: built once per event and instance, sent to every socket.
 * `v` is the event schema version, so a client decodes (and upcasts) it instead of trusting it.
 */
export const eventFrame = (e: BoardEventRecord): string =>
  JSON.stringify({
    type: 'event',
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

export const encode = (frame: ServerFrame): string => JSON.stringify(frame);
