/**
 * @jest-environment jsdom
 */
import * as E from 'fp-ts/Either';
import { decodeClientFrame } from '../../src/adapters/ws/frames';
import type { WireProblem } from '../../src/domain/wire';
import { encodeServerFrame } from '../../src/domain/wire-server';
import { RESUBSCRIBE_AFTER_MS } from '../../web/src/sync/live';
import { ALICE, BOARD, TEAM } from './fixtures';
import { installFakeSocket, openLiveFeed } from './fake-socket';

beforeAll(installFakeSocket);

const open = () => {
  const calls = { status: [] as boolean[], bad: [] as WireProblem[], resyncs: 0 };
  const { feed, socket } = openLiveFeed({
    onResync: () => void calls.resyncs++,
    onStatus: (up) => void calls.status.push(up),
    onBadFrame: (problem) => void calls.bad.push(problem),
  });
  return { feed, socket, calls };
};

describe('frames the live feed receives', () => {
  test('a frame that does not decode is reported and dropped, and later frames still arrive', () => {
    const { feed, socket, calls } = open();
    socket.text('{"type":"resync"');
    socket.text(JSON.stringify({ type: 'resync', teamId: TEAM, boardId: BOARD }));
    socket.text(encodeServerFrame({ type: 'resync', teamId: TEAM, boardId: BOARD, reason: 'slow_consumer' }));
    feed.stop();
    expect(calls.bad.map((p) => p.code)).toEqual(['bad_json', 'bad_frame']);
    expect(calls.resyncs).toBe(1);
  });

  test('a frame type this build does not know is ignored without a report', () => {
    const { feed, socket, calls } = open();
    socket.text(JSON.stringify({ type: 'typing', teamId: TEAM, boardId: BOARD }));
    feed.stop();
    expect(calls.bad).toEqual([]);
  });
});

describe('frames the live feed sends', () => {
  test('its auth and subscribe frames are ones the server reads', () => {
    const { feed, socket, calls } = open();
    socket.text(
      encodeServerFrame({ type: 'ready', protocol: 1, userId: ALICE, expiresAt: '2025-01-15T09:15:00.000Z' }),
    );
    socket.text(encodeServerFrame({ type: 'subscribed', teamId: TEAM, boardId: BOARD, seq: 3 }));
    expect(calls.status).toEqual([true]);
    feed.stop();
    expect(socket.sent.map(decodeClientFrame)).toEqual([
      E.right({ type: 'auth', token: 'token' }),
      E.right({ type: 'subscribe', teamId: TEAM, boardId: BOARD, lastSeq: 3 }),
    ]);
  });

  test('after a resync it subscribes again from its last seq, so live events resume', () => {
    jest.useFakeTimers();
    try {
      const { feed, socket, calls } = open();
      socket.text(
        encodeServerFrame({ type: 'ready', protocol: 1, userId: ALICE, expiresAt: '2025-01-15T09:15:00.000Z' }),
      );
      socket.text(encodeServerFrame({ type: 'subscribed', teamId: TEAM, boardId: BOARD, seq: 3 }));
      socket.text(encodeServerFrame({ type: 'resync', teamId: TEAM, boardId: BOARD, reason: 'slow_consumer' }));
      expect(calls.resyncs).toBe(1);
      jest.advanceTimersByTime(RESUBSCRIBE_AFTER_MS);
      feed.stop();
      const subscribes = socket.sent.map(decodeClientFrame).filter((f) => E.isRight(f) && f.right.type === 'subscribe');
      expect(subscribes).toEqual([
        E.right({ type: 'subscribe', teamId: TEAM, boardId: BOARD, lastSeq: 3 }),
        E.right({ type: 'subscribe', teamId: TEAM, boardId: BOARD, lastSeq: 3 }),
      ]);
    } finally {
      jest.useRealTimers();
    }
  });
});
