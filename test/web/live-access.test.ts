/**
 * @jest-environment jsdom
 */
import type { LiveOptions } from '../../web/src/sync/live';
import { BOARD, TEAM } from './fixtures';
import { installFakeSocket, openLiveFeed } from './fake-socket';

const open = (overrides: Partial<LiveOptions> = {}) => {
  const calls = { accessLost: 0, membership: [] as [string, string][] };
  const { feed, socket } = openLiveFeed({
    onAccessLost: () => void calls.accessLost++,
    onMembership: (teamId, role) => void calls.membership.push([teamId, role]),
    ...overrides,
  });
  return { feed, socket, calls };
};

beforeAll(installFakeSocket);

describe('the live feed and the user’s access', () => {
  test('a socket closed because access was revoked (4403) asks the board to check its access', () => {
    const { feed, socket, calls } = open();
    socket.onclose?.({ code: 4403 });
    feed.stop();
    expect(calls.accessLost).toBe(1);
  });

  test('a socket dropped for any other reason only reconnects', () => {
    const { feed, socket, calls } = open();
    socket.onclose?.({ code: 1006 });
    feed.stop();
    expect(calls.accessLost).toBe(0);
  });

  test('a refused subscription to this board counts as lost access, another board’s error does not', () => {
    const { feed, socket, calls } = open();
    socket.frame({
      type: 'error',
      teamId: TEAM,
      boardId: '00000000-0000-4000-8000-0000000000ff',
      error: { code: 'not_found', message: 'Board not found', retryable: false },
    });
    socket.frame({
      type: 'error',
      teamId: TEAM,
      boardId: BOARD,
      error: { code: 'rate_limited', message: 'Slow down', retryable: true },
    });
    expect(calls.accessLost).toBe(0);
    socket.frame({
      type: 'error',
      teamId: TEAM,
      boardId: BOARD,
      error: { code: 'not_found', message: 'Board not found', retryable: false },
    });
    feed.stop();
    expect(calls.accessLost).toBe(1);
  });

  test('a membership frame passes the new role on, and an unknown role is ignored', () => {
    const { feed, socket, calls } = open();
    socket.frame({ type: 'membership', teamId: TEAM, role: 'viewer' });
    socket.frame({ type: 'membership', teamId: TEAM, role: 'superuser' });
    feed.stop();
    expect(calls.membership).toEqual([[TEAM, 'viewer']]);
  });

  test('a board deleted while open is told as such, not as lost access', () => {
    let deleted = 0;
    const { feed, socket, calls } = open({ onBoardDeleted: () => void deleted++ });
    socket.frame({
      type: 'error',
      teamId: TEAM,
      boardId: BOARD,
      error: { code: 'board_deleted', message: 'This board was deleted', retryable: false },
    });
    feed.stop();
    expect(deleted).toBe(1);
    expect(calls.accessLost).toBe(0);
  });
});
