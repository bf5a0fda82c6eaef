/**
 * @jest-environment jsdom
 */
import type { BoardState } from '../../src/domain/board-state';
import { EVENT_SCHEMA_VERSION } from '../../src/domain/event-record';
import type { BoardEventRecord } from '../../src/domain/events';
import { loadBoard, memoryStorage, saveConfirmed, type BoardScope } from '../../web/src/sync/storage';
import { ALICE, BOARD, TEAM, done, fixLogin, movedEvent, sampleState } from './fixtures';
import { installFakeSocket, openLiveFeed } from './fake-socket';

beforeAll(installFakeSocket);

/** The frames handed to the board, after the live feed decoded them. */
const liveFeed = () => {
  const received: BoardEventRecord[] = [];
  const snapshots: BoardState[] = [];
  const { feed, socket } = openLiveFeed({
    lastSeq: () => 10,
    onEvent: (ev) => void received.push(ev),
    onSnapshot: (state) => void snapshots.push(state),
  });
  return { feed, socket, received, snapshots };
};

const frameOf = (ev: BoardEventRecord, extra: object = {}) => ({
  type: 'event',
  v: EVENT_SCHEMA_VERSION,
  ...ev,
  ...extra,
});

describe('event frames the web receives', () => {
  test('a versioned event frame reaches the board as a decoded record without frame fields', () => {
    const { feed, socket, received } = liveFeed();
    const ev = movedEvent(11, fixLogin, done.id, 'a5', { clientId: 'c1', mid: 'm1' });
    socket.frame(frameOf(ev));
    feed.stop();
    expect(received).toEqual([ev]);
  });

  test('a frame from before versioning (no v, no origin) is upcast with a null origin', () => {
    const { feed, socket, received } = liveFeed();
    const { origin: _origin, ...ev } = movedEvent(11, fixLogin, done.id, 'a5');
    socket.frame({ type: 'event', ...ev });
    feed.stop();
    expect(received).toEqual([{ ...ev, origin: null }]);
  });

  test('an event frame that does not decode is dropped, and later frames still arrive', () => {
    const { feed, socket, received } = liveFeed();
    const good = movedEvent(12, fixLogin, done.id, 'a5');
    socket.frame(frameOf(movedEvent(11, fixLogin, done.id, 'a5'), { data: { cardId: fixLogin.id } }));
    socket.frame(frameOf(movedEvent(11, fixLogin, done.id, 'a5'), { v: EVENT_SCHEMA_VERSION + 1 }));
    socket.frame(frameOf(good));
    feed.stop();
    expect(received).toEqual([good]);
  });
});

describe('snapshot frames the web receives', () => {
  const snapshotFrame = (s: BoardState) => ({
    type: 'snapshot',
    teamId: TEAM,
    boardId: BOARD,
    board: s.board,
    lists: Object.values(s.lists),
    cards: Object.values(s.cards),
    seq: s.seq,
  });

  test('a snapshot frame becomes the board state it describes', () => {
    const { feed, socket, snapshots } = liveFeed();
    socket.frame(snapshotFrame(sampleState()));
    feed.stop();
    expect(snapshots).toEqual([sampleState()]);
  });

  test('a snapshot frame whose cards do not decode is dropped instead of replacing the board', () => {
    const { feed, socket, snapshots } = liveFeed();
    const frame = snapshotFrame(sampleState());
    socket.frame({ ...frame, cards: [{ ...fixLogin, rank: 7 }] });
    feed.stop();
    expect(snapshots).toEqual([]);
  });
});

describe('boards the web loads from storage', () => {
  const scope: BoardScope = { userId: ALICE, teamId: TEAM, boardId: BOARD };
  const KEY = `boardroom:v2:user:${ALICE}:team:${TEAM}:board:${BOARD}:confirmed`;

  test('a saved board loads back as it was saved, tagged with the schema version', () => {
    const storage = memoryStorage();
    saveConfirmed(storage, scope, sampleState());
    expect(JSON.parse(storage.getItem(KEY)!)).toMatchObject({ v: EVENT_SCHEMA_VERSION });
    expect(loadBoard(storage, scope).confirmed).toEqual(sampleState());
  });

  test('a board stored before versioning (the bare state) still loads', () => {
    const storage = memoryStorage();
    storage.setItem(KEY, JSON.stringify(sampleState()));
    expect(loadBoard(storage, scope).confirmed).toEqual(sampleState());
  });

  test.each<[string, unknown]>([
    ['a card without a list id', { v: EVENT_SCHEMA_VERSION, state: brokenCard() }],
    ['a newer schema version', { v: EVENT_SCHEMA_VERSION + 1, state: sampleState() }],
    ['not a board at all', { hello: 'world' }],
  ])('a stored board with %s is dropped, so the board is read from the server', (_why, stored) => {
    const storage = memoryStorage();
    storage.setItem(KEY, JSON.stringify(stored));
    expect(loadBoard(storage, scope).confirmed).toBeNull();
    expect(storage.getItem(KEY)).toBeNull();
  });

  test('a stored board that is not JSON is dropped without touching the pending changes', () => {
    const storage = memoryStorage();
    storage.setItem(KEY, '{"v":2,"sta');
    storage.setItem(KEY.replace(/confirmed$/, 'pending'), JSON.stringify([{ mid: 'm1', op: {}, at: 'x' }]));
    const loaded = loadBoard(storage, scope);
    expect(loaded.confirmed).toBeNull();
    expect(loaded.pending).toHaveLength(1);
  });
});

function brokenCard(): BoardState {
  const s = sampleState();
  const { listId: _listId, ...card } = fixLogin;
  return { ...s, cards: { ...s.cards, [fixLogin.id]: card as typeof fixLogin } };
}
