import * as E from 'fp-ts/Either';
import {
  EVENT_SCHEMA_VERSION,
  MutateFrame,
  PROTOCOL_VERSION,
  RECEIVED_CLIENT_FRAME_CODECS,
  SERVER_FRAME_CODECS,
  decodeServerFrame,
  encodeClientFrame,
  encodeEventFrame,
  encodeServerFrame,
  type BoardEventRecord,
  type ClientFrameOutput,
  type ServerFrame,
  type WireProblem,
} from '../../../src/domain';
import { eventFrame } from '../../../src/adapters/ws/frames';
import { ALICE, BOARD, TEAM, board, done, fixLogin, movedEvent, shipIt, todo, writeDocs } from '../../web/fixtures';

const AT = '2025-01-15T09:00:00.000Z';
const OTHER_BOARD = '00000000-0000-4000-8000-0000000000ff';

const created: BoardEventRecord = {
  kind: 'card.created',
  data: { card: fixLogin, listTitle: 'To Do', placement: 'as_asked' },
  teamId: TEAM,
  boardId: BOARD,
  seq: 12,
  actor: ALICE,
  origin: { clientId: 'tab-1', mid: 'm-1' },
  at: AT,
};

type FrameOf<K extends ServerFrame['type']> = Extract<ServerFrame, { type: K }>;

/** One frame of every type the server sends; typed by type, so a type added to the protocol fails to compile here. */
const SAMPLES: { readonly [K in ServerFrame['type']]: FrameOf<K> } = {
  ready: { type: 'ready', protocol: PROTOCOL_VERSION, userId: ALICE, expiresAt: AT },
  membership: { type: 'membership', teamId: TEAM, role: 'viewer' },
  snapshot: {
    type: 'snapshot',
    teamId: TEAM,
    boardId: BOARD,
    board,
    lists: [todo, done],
    cards: [fixLogin, writeDocs, shipIt],
    seq: 10,
  },
  subscribed: { type: 'subscribed', teamId: TEAM, boardId: BOARD, seq: 10 },
  unsubscribed: { type: 'unsubscribed', teamId: TEAM, boardId: BOARD },
  ack: { type: 'ack', mid: 'm-42', boardId: BOARD, seq: 11 },
  nack: {
    type: 'nack',
    mid: 'm-43',
    boardId: BOARD,
    error: { code: 'insufficient_role', message: 'Viewers cannot edit', retryable: false },
  },
  resync: { type: 'resync', teamId: TEAM, boardId: BOARD, reason: 'slow_consumer' },
  error: {
    type: 'error',
    error: { code: 'not_found', message: 'Board not found', retryable: false },
    teamId: TEAM,
    boardId: BOARD,
  },
  pong: { type: 'pong' },
  event: { type: 'event', event: created },
  presence: {
    type: 'presence',
    teamId: TEAM,
    boardId: BOARD,
    viewers: [{ userId: ALICE, name: 'Alice', editing: fixLogin.id }],
  },
  notification: {
    type: 'notification',
    notification: {
      id: '0190a0b2-0000-7000-8000-0000000000aa',
      userId: ALICE,
      kind: 'mentioned',
      key: `mentioned:card:${fixLogin.id}`,
      teamId: TEAM,
      boardId: BOARD,
      cardId: fixLogin.id,
      actor: { id: ALICE, name: 'Alice' },
      title: fixLogin.title,
      boardTitle: 'Roadmap',
      excerpt: `see <@${ALICE}>`,
      at: AT,
      readAt: null,
    },
  },
  'notifications.read': { type: 'notifications.read', ids: ['0190a0b2-0000-7000-8000-0000000000aa'], unread: 2 },
};

const FRAMES = Object.values(SAMPLES) as readonly ServerFrame[];

const problemOf = (text: string): WireProblem => {
  const decoded = decodeServerFrame(text);
  if (E.isRight(decoded)) throw new Error(`expected a refusal, got ${JSON.stringify(decoded.right)}`);
  return decoded.left;
};

describe('server frames through the shared wire codecs', () => {
  test.each(FRAMES.map((f) => [f.type, f] as const))('a %s frame decodes to what the server built', (_type, frame) => {
    expect(decodeServerFrame(encodeServerFrame(frame))).toEqual(E.right(frame));
  });

  test.each(FRAMES.map((f) => [f.type, f] as const))('a %s frame survives its codec’s encode', (_type, frame) => {
    const codec = SERVER_FRAME_CODECS[frame.type] as unknown as { encode: (f: ServerFrame) => unknown };
    expect(decodeServerFrame(JSON.stringify(codec.encode(frame)))).toEqual(E.right(frame));
  });

  test('an error frame about no subscription decodes without team and board', () => {
    const frame: ServerFrame = { type: 'error', error: { code: 'bad_json', message: 'x', retryable: false } };
    expect(decodeServerFrame(encodeServerFrame(frame))).toEqual(E.right(frame));
  });

  test('the event frame the gateway fans out is the record beside its type and schema version', () => {
    const text = eventFrame({ ...created, extra: 'not sent' } as BoardEventRecord);
    expect(text).toBe(encodeEventFrame(created));
    expect(JSON.parse(text)).toEqual({ type: 'event', v: EVENT_SCHEMA_VERSION, ...created });
  });

  test('a notifications.read frame of every notification decodes with `all`', () => {
    const frame: ServerFrame = { type: 'notifications.read', all: true, unread: 0 };
    expect(decodeServerFrame(encodeServerFrame(frame))).toEqual(E.right(frame));
    expect(E.isLeft(decodeServerFrame(JSON.stringify({ type: 'notifications.read', unread: 0 })))).toBe(true);
  });

  test('fields a later server adds are dropped, not refused', () => {
    const text = JSON.stringify({ ...SAMPLES.ack, shard: 3 });
    expect(decodeServerFrame(text)).toEqual(E.right(SAMPLES.ack));
  });
});

describe('event frames of older schema versions', () => {
  test('a frame from before versioning (no v, no origin, a card without labels) is upcast', () => {
    const { labels: _labels, commentCount: _count, ...oldCard } = fixLogin;
    const { origin: _origin, ...oldRecord } = created;
    const text = JSON.stringify({ type: 'event', ...oldRecord, data: { card: oldCard, listTitle: 'To Do' } });
    expect(decodeServerFrame(text)).toEqual(
      E.right({
        type: 'event',
        event: {
          ...created,
          origin: null,
          data: { card: { ...fixLogin, labels: [], commentCount: 0 }, listTitle: 'To Do' },
        },
      }),
    );
  });

  test('a frame of a schema version newer than this build is refused', () => {
    const text = JSON.stringify({ type: 'event', ...created, v: EVENT_SCHEMA_VERSION + 1 });
    expect(problemOf(text)).toEqual({ code: 'bad_frame', message: expect.stringContaining('schema version') });
  });

  test('an event whose data does not decode is refused, naming the event', () => {
    const ev = movedEvent(11, fixLogin, done.id, 'a5');
    const text = JSON.stringify({ type: 'event', v: EVENT_SCHEMA_VERSION, ...ev, data: { cardId: fixLogin.id } });
    expect(problemOf(text)).toEqual({ code: 'bad_frame', message: expect.stringContaining('card.moved #11') });
  });
});

describe('server frames that are refused', () => {
  test.each([
    ['that is not JSON', 'bad_json', '{"type": "ack"'],
    ['without a type', 'unknown_type', '{"mid":"m-1"}'],
    ['of a type nobody sends', 'unknown_type', '{"type":"hello"}'],
    ['typed as a prototype member', 'unknown_type', '{"type":"__proto__"}'],
    ['that is an array', 'unknown_type', '[{"type":"pong"}]'],
    ['that is null', 'unknown_type', 'null'],
  ])('a frame %s is refused as %s', (_why, code, text) => {
    expect(problemOf(text).code).toBe(code);
  });

  test.each<[string, object]>([
    ['an ack without its seq', { type: 'ack', mid: 'm-1', boardId: BOARD }],
    ['a nack whose error does not say if it is retryable', { ...SAMPLES.nack, error: { code: 'x', message: 'y' } }],
    ['a snapshot without cards', { ...SAMPLES.snapshot, cards: undefined }],
    ['a snapshot whose card has a numeric rank', { ...SAMPLES.snapshot, cards: [{ ...fixLogin, rank: 7 }] }],
    ['a subscribed frame with the seq as text', { ...SAMPLES.subscribed, seq: '10' }],
    ['a subscribed frame with a negative seq', { ...SAMPLES.subscribed, seq: -1 }],
    ['a membership frame of an unknown role', { ...SAMPLES.membership, role: 'superuser' }],
    ['a ready frame whose user id is not a uuid', { ...SAMPLES.ready, userId: 'alice' }],
    ['a resync frame for a board id that is not a uuid', { ...SAMPLES.resync, boardId: 'b-1' }],
    ['an error frame about a board id that is not a uuid', { ...SAMPLES.error, boardId: 42 }],
    ['an event without its seq', { ...JSON.parse(encodeEventFrame(created)), seq: undefined }],
  ])('%s is refused as bad_frame', (_why, frame) => {
    const type = (frame as { type: string }).type;
    expect(problemOf(JSON.stringify(frame))).toEqual({
      code: 'bad_frame',
      message: expect.stringMatching(`^${type}: `),
    });
  });

  test('a frame about another board still decodes (the client decides what it watches)', () => {
    const frame = { ...SAMPLES.resync, boardId: OTHER_BOARD };
    expect(E.isRight(decodeServerFrame(JSON.stringify(frame)))).toBe(true);
  });
});

describe('client frames through the shared wire codecs', () => {
  const op = { kind: 'card.move', cardId: fixLogin.id, toListId: done.id, afterCardId: shipIt.id } as const;
  const SENT: readonly ClientFrameOutput[] = [
    { type: 'auth', token: 'a.b.c' },
    { type: 'subscribe', teamId: TEAM, boardId: BOARD, lastSeq: 3 },
    { type: 'subscribe', teamId: TEAM, boardId: BOARD },
    { type: 'unsubscribe', teamId: TEAM, boardId: BOARD },
    { type: 'mutate', mid: 'm-1', clientId: 'tab-1', teamId: TEAM, boardId: BOARD, op },
    { type: 'ping' },
    { type: 'presence', teamId: TEAM, boardId: BOARD, editing: fixLogin.id },
    { type: 'presence', teamId: TEAM, boardId: BOARD, editing: null },
  ];

  test.each(SENT.map((f) => [f.type, f] as const))('a %s frame the browser sends is what the server reads', (_t, f) => {
    const json: unknown = JSON.parse(encodeClientFrame(f));
    expect(RECEIVED_CLIENT_FRAME_CODECS[f.type].decode(json)).toEqual(E.right(f));
  });

  test('a mutate frame carries one board op, decoded by the op codec', () => {
    const frame = { type: 'mutate', mid: 'm-1', clientId: 'tab-1', teamId: TEAM, boardId: BOARD, op };
    expect(MutateFrame.decode(frame)).toEqual(E.right(frame));
    expect(E.isLeft(MutateFrame.decode({ ...frame, op: { ...op, kind: 'card.fly' } }))).toBe(true);
  });

  test('a client frame with a field it does not name is refused', () => {
    expect(E.isLeft(RECEIVED_CLIENT_FRAME_CODECS.ping.decode({ type: 'ping', at: 1 }))).toBe(true);
  });
});
