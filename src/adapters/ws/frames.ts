import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import {
  BoardOp,
  describeWireErrors,
  encodeEventFrame,
  encodeServerFrame,
  findUnstorableText,
  frameCodecFor,
  RECEIVED_CLIENT_FRAME_CODECS,
  type BoardEventRecord,
  type BoardId,
  type MutateEnvelope,
  type ReceivedClientFrame,
  type ServerFrame,
  type TeamId,
  type WireProblem,
} from '../../domain';
import type { SharedSnapshot } from '../../application/api';

/*
 * The socket's side of the shared wire protocol (src/domain/wire*.ts): decoding client frames into the
 * problems the gateway answers with, and the text of the frames it sends.
 */
export { PROTOCOL_VERSION, type ServerFrame, type WireError } from '../../domain';

/** A client frame as the gateway handles it: a mutate's op is decoded by `decodeOp`. */
export type ClientFrame = ReceivedClientFrame;
export type MutateFrame = MutateEnvelope;

/** Why a frame could not be read; becomes an `error` frame (or, for an op, a nack) with this code. */
export type FrameProblem = WireProblem;

const BAD_TEXT: FrameProblem = {
  code: 'bad_input',
  message: 'Text must not contain NUL characters or unpaired surrogates',
};

/** Reads one text frame: JSON, a known `type`, and that type's shape. */
export const decodeClientFrame = (data: string): E.Either<FrameProblem, ClientFrame> => {
  const found = frameCodecFor<t.Decoder<unknown, ClientFrame>>(data, RECEIVED_CLIENT_FRAME_CODECS);
  if (E.isLeft(found)) return found;
  const { json, type, codec } = found.right;
  const frame = codec.decode(json);
  // A mutate's op is checked by `decodeOp`, so its refusal can be a nack that names the mid.
  const textToCheck = E.isRight(frame) && frame.right.type === 'mutate' ? { ...frame.right, op: null } : json;
  if (findUnstorableText(textToCheck) !== null) return E.left(BAD_TEXT);
  return E.mapLeft((errors: t.Errors): FrameProblem => ({
    code: 'bad_frame',
    message: `${type}: ${describeWireErrors(errors)}`,
  }))(frame);
};

/** Reads a mutate frame's op with the domain's `BoardOp` codec; every refusal is `bad_input`, the code a nack carries. */
export const decodeOp = (op: unknown): E.Either<FrameProblem, BoardOp> =>
  findUnstorableText(op) !== null
    ? E.left(BAD_TEXT)
    : E.mapLeft((errors: t.Errors): FrameProblem => ({
        code: 'bad_input',
        message: `op: ${describeWireErrors(errors)}`,
      }))(BoardOp.decode(op));

/**
 * The `event` frame for a committed event: built once per event and instance, sent to every socket.
 * `v` is the event schema version, so a client decodes (and upcasts) it instead of trusting it.
 */
export const eventFrame = (e: BoardEventRecord): string => encodeEventFrame(e);

/**
 * The `snapshot` frame of a board, cut from the snapshot's shared JSON text (`{"board":…,"seq":n}`)
 * rather than serialising the board again: the same text `encode` writes for
 * `{type: 'snapshot', teamId, boardId, ...snapshot}`.
 */
export const snapshotFrame = (teamId: TeamId, boardId: BoardId, shared: SharedSnapshot): string =>
  `{"type":"snapshot","teamId":${JSON.stringify(teamId)},"boardId":${JSON.stringify(boardId)},${shared.json.slice(1)}`;

/** The text of a frame the gateway sends: plain JSON, no codec runs per frame. */
export const encode = (frame: ServerFrame): string => encodeServerFrame(frame);
