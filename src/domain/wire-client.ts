import * as t from 'io-ts';
import { BoardOp, strict } from './board-op';
import { Uuid } from './ids';

/**
 * The frames a client sends (docs/protocol.md, "Client → server"). They are strict: an unknown field
 * is an error, so a typo is caught at once.
 */

/** Client-chosen opaque ids (client id, mutation id): 1–128 printable characters. */
export const ClientKey = t.refinement(t.string, (s) => /^[\x21-\x7e]{1,128}$/.test(s), 'ClientKey');
/** A board's event sequence number: a safe integer ≥ 0. */
export const Seq = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'Seq');

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
const mutateEnvelope = { type: t.literal('mutate'), mid: ClientKey, clientId: ClientKey, teamId: Uuid, boardId: Uuid };
/** A mutation: the envelope that names it and the one `BoardOp` it carries. */
export const MutateFrame = strict('mutate', { ...mutateEnvelope, op: BoardOp }, {});
/**
 * A mutate frame whose op is not decoded yet. The server reads the op on its own (`decodeOp`), so an op
 * it refuses is a nack that names the mid rather than an error about the whole frame.
 */
export const MutateEnvelope = strict('mutate', { ...mutateEnvelope, op: t.unknown }, {});
export const PingFrame = strict('ping', { type: t.literal('ping') }, {});
/** Presence on a subscribed board: the client has it open, with `editing` the card whose dialog is open. */
export const PresenceFrame = strict(
  'presence',
  { type: t.literal('presence'), teamId: Uuid, boardId: Uuid, editing: t.union([Uuid, t.null]) },
  {},
);

export type AuthFrame = t.TypeOf<typeof AuthFrame>;
export type SubscribeFrame = t.TypeOf<typeof SubscribeFrame>;
export type UnsubscribeFrame = t.TypeOf<typeof UnsubscribeFrame>;
export type MutateFrame = t.TypeOf<typeof MutateFrame>;
export type MutateEnvelope = t.TypeOf<typeof MutateEnvelope>;
export type PingFrame = t.TypeOf<typeof PingFrame>;
export type PresenceFrame = t.TypeOf<typeof PresenceFrame>;

/** Every frame a client sends, decoded. */
export type ClientFrame = AuthFrame | SubscribeFrame | UnsubscribeFrame | MutateFrame | PingFrame | PresenceFrame;
/** A client frame as the server first reads it: a mutate's op still to be decoded. */
export type ReceivedClientFrame = Exclude<ClientFrame, MutateFrame> | MutateEnvelope;
/** A client frame as JSON carries it (plain strings): what the browser builds and sends. */
export type ClientFrameOutput =
  | t.OutputOf<typeof AuthFrame>
  | t.OutputOf<typeof SubscribeFrame>
  | t.OutputOf<typeof UnsubscribeFrame>
  | t.OutputOf<typeof MutateFrame>
  | t.OutputOf<typeof PingFrame>
  | t.OutputOf<typeof PresenceFrame>;

/** The codec of each client frame type as the server receives it (the op of a mutate undecoded). */
export const RECEIVED_CLIENT_FRAME_CODECS: {
  readonly [K in ReceivedClientFrame['type']]: t.Decoder<unknown, Extract<ReceivedClientFrame, { type: K }>>;
} = {
  auth: AuthFrame,
  subscribe: SubscribeFrame,
  unsubscribe: UnsubscribeFrame,
  mutate: MutateEnvelope,
  ping: PingFrame,
  presence: PresenceFrame,
};

/** The text of a frame the client sends. */
export const encodeClientFrame = (frame: ClientFrameOutput): string => JSON.stringify(frame);
