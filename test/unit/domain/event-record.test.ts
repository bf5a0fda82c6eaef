import * as E from 'fp-ts/Either';
import {
  EVENT_SCHEMA_VERSION,
  decodeEventRecord,
  encodeEventRecord,
  type BoardEvent,
  type BoardEventKind,
  type BoardEventRecord,
  type CardId,
} from '../../../src/domain';
import { ALICE, BOARD, TEAM, board, done, fixLogin, shipIt, todo } from '../../web/fixtures';

const AT = '2025-01-15T09:00:00.000Z';
const COMMENT = '00000000-0000-4000-8000-000000000c01';

const SHOT = {
  id: '00000000-0000-4000-8000-000000000a01' as CardId,
  name: 'screenshot.png',
  size: 1234,
  contentType: 'image/png',
  createdAt: AT,
  createdBy: ALICE,
  hasThumbnail: true,
};

type DataOf<K extends BoardEventKind> = Extract<BoardEvent, { kind: K }>['data'];

/** One event of every kind; typed by kind, so a kind added to the domain fails to compile here. */
const SAMPLES: { readonly [K in BoardEventKind]: DataOf<K> } = {
  'board.created': { board },
  'board.updated': { title: 'Relaunch', previousTitle: 'Launch' },
  'list.created': { list: todo },
  'list.updated': { listId: todo.id, changes: { title: 'Doing', archived: false }, previousTitle: 'To Do' },
  'list.moved': { listId: done.id, rank: 'a05', title: 'Done' },
  'list.deleted': { listId: done.id, title: 'Done', cardIds: [shipIt.id] },
  'card.created': { card: fixLogin, listTitle: 'To Do' },
  'card.updated': {
    cardId: fixLogin.id,
    changes: { title: 'Fix the login', dueDate: '2025-02-01', labels: ['bug'] },
    title: 'Fix login',
    updatedAt: AT,
  },
  'card.moved': {
    cardId: fixLogin.id,
    title: 'Fix login',
    fromListId: todo.id,
    fromListTitle: 'To Do',
    toListId: done.id,
    toListTitle: 'Done',
    rank: 'a2',
    updatedAt: AT,
  },
  'card.deleted': { cardId: shipIt.id, title: 'Ship it', listId: done.id },
  'comment.created': {
    comment: {
      id: COMMENT as CardId,
      teamId: TEAM,
      boardId: BOARD,
      cardId: fixLogin.id,
      authorId: ALICE,
      body: 'On it',
      createdAt: AT,
      editedAt: null,
    },
    cardTitle: 'Fix login',
  },
  'list.reranked': { listId: todo.id, title: 'To Do', ranks: [{ cardId: fixLogin.id, rank: 'a0' }] },
  'comment.updated': {
    commentId: COMMENT as CardId,
    cardId: fixLogin.id,
    cardTitle: 'Fix login',
    body: 'Done',
    editedAt: AT,
  },
  'comment.deleted': { commentId: COMMENT as CardId, cardId: fixLogin.id, cardTitle: 'Fix login' },
  'label.created': { label: board.labels[0]!, labels: board.labels },
  'label.updated': { label: { ...board.labels[0]!, name: 'defect' }, previousName: 'bug', labels: [] },
  'label.deleted': { label: board.labels[0]!, labels: [] },
  'card.labeled': { cardId: fixLogin.id, title: 'Fix login', label: 'bug' },
  'card.unlabeled': { cardId: fixLogin.id, title: 'Fix login', label: 'bug' },
  'card.member.added': { cardId: fixLogin.id, title: 'Fix login', userId: ALICE },
  'card.member.removed': { cardId: fixLogin.id, title: 'Fix login', userId: ALICE },
  'attachment.added': { cardId: fixLogin.id, title: 'Fix login', attachment: SHOT },
  'attachment.removed': { cardId: fixLogin.id, title: 'Fix login', attachment: SHOT },
  'checklist.changed': {
    cardId: fixLogin.id,
    title: 'Fix login',
    change: { what: 'item.checked', checklist: 'QA', item: 'Chrome' },
    checklists: [
      {
        id: COMMENT as CardId,
        title: 'QA',
        items: [{ id: ALICE, title: 'Chrome', done: true, rank: 'a0' }],
      },
    ],
  },
};

const recordOf = (kind: BoardEventKind, seq = 7): BoardEventRecord =>
  ({
    kind,
    data: SAMPLES[kind],
    teamId: TEAM,
    boardId: BOARD,
    seq,
    actor: ALICE,
    origin: { clientId: 'c1', mid: 'm1' },
    at: AT,
  }) as BoardEventRecord;

/** What a record looks like after JSON (a row's `data`, a frame, localStorage). */
const overTheWire = (r: unknown): unknown => JSON.parse(JSON.stringify(r));

const refusal = (raw: unknown): string => {
  const decoded = decodeEventRecord(raw);
  if (E.isRight(decoded)) throw new Error(`expected a refusal, decoded ${JSON.stringify(decoded.right)}`);
  return decoded.left;
};

describe('board event records', () => {
  test.each(Object.keys(SAMPLES) as BoardEventKind[])('a %s record survives encoding, JSON and decoding', (kind) => {
    const record = recordOf(kind);
    expect(decodeEventRecord(overTheWire(encodeEventRecord(record)))).toEqual(E.right(record));
  });

  test('a record is encoded in the current schema version', () => {
    expect(encodeEventRecord(recordOf('card.moved')).v).toBe(EVENT_SCHEMA_VERSION);
  });

  test('the stale-anchor placement a move recorded survives decoding, and a made-up one is refused', () => {
    const moved = recordOf('card.moved');
    const placed = { ...moved, data: { ...moved.data, placement: 'anchor_missing_end' } } as BoardEventRecord;
    expect(decodeEventRecord(overTheWire(encodeEventRecord(placed)))).toEqual(E.right(placed));
    const bogus = { ...encodeEventRecord(placed), data: { ...placed.data, placement: 'somewhere' } };
    expect(E.isLeft(decodeEventRecord(overTheWire(bogus)))).toBe(true);
  });

  test('frame fields and unknown fields are dropped, so they never reach the reducer', () => {
    const raw = overTheWire({ ...encodeEventRecord(recordOf('card.updated')), type: 'event', extra: 1 }) as {
      data: { changes: Record<string, unknown> };
    };
    raw.data.changes.commentCount = 99;
    const decoded = decodeEventRecord(raw);
    expect(decoded).toEqual(E.right(recordOf('card.updated')));
  });

  test('an unversioned (version 1) record without origin is upcast with a null origin', () => {
    const { origin: _origin, ...withoutOrigin } = recordOf('card.deleted');
    expect(decodeEventRecord(overTheWire(withoutOrigin))).toEqual(E.right({ ...withoutOrigin, origin: null }));
  });

  test('a version 1 card.created without labels and comment count is upcast with none of either', () => {
    const { labels: _labels, commentCount: _count, ...bareCard } = fixLogin;
    const v1 = { ...recordOf('card.created'), v: 1, data: { card: bareCard, listTitle: 'To Do' } };
    const decoded = decodeEventRecord(overTheWire(v1));
    expect(decoded).toEqual(E.right(recordOf('card.created')));
  });

  test('the same card.created written as version 2 is refused: version 2 has no defaults', () => {
    const { labels: _labels, commentCount: _count, ...bareCard } = fixLogin;
    const v2 = { ...recordOf('card.created'), v: 2, data: { card: bareCard, listTitle: 'To Do' } };
    expect(refusal(overTheWire(v2))).toMatch(/card\.created #7 .*data\.card\.labels is undefined/);
  });

  test('a record with a corrupt field is refused with its kind, seq and the field', () => {
    const raw = overTheWire(encodeEventRecord(recordOf('card.moved', 12))) as { data: { toListId: unknown } };
    raw.data.toListId = 'not-a-uuid';
    expect(refusal(raw)).toBe(
      `board event card.moved #12 (schema version ${EVENT_SCHEMA_VERSION}) does not decode: data.toListId is "not-a-uuid"`,
    );
  });

  test('an unknown kind is refused as such', () => {
    const raw = { ...encodeEventRecord(recordOf('card.moved', 3)), kind: 'card.teleported' };
    expect(refusal(raw)).toMatch(/card\.teleported #3 .*kind "card\.teleported" is not a board event kind/);
  });

  test('a record from a newer schema version is refused instead of guessed at', () => {
    const raw = { ...encodeEventRecord(recordOf('list.moved', 5)), v: EVENT_SCHEMA_VERSION + 1 };
    expect(refusal(raw)).toContain(`list.moved #5 has schema version ${EVENT_SCHEMA_VERSION + 1}`);
  });

  test.each([null, 'card.moved', 42, [], { v: 0 }, { v: '2' }, { v: 1.5 }])('%j is refused', (raw) => {
    expect(refusal(raw)).toMatch(/board event/);
  });

  test('a record whose seq is not a number is refused', () => {
    const raw = { ...encodeEventRecord(recordOf('list.created')), seq: '7' };
    expect(refusal(raw)).toMatch(/list\.created #\? .*seq is "7"/);
  });
});
