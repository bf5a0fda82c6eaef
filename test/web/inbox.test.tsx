/**
 * @jest-environment jsdom
 */
import './support/text-encoder';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { Notification } from '../../src/domain/notification';
import type { TeamId, UserId } from '../../src/domain/ids';
import { api, useSession } from '../../web/src/api/session';
import { groupByCard } from '../../web/src/inbox/group';
import { inbox, useInboxLive } from '../../web/src/inbox/inbox';
import { connectInbox } from '../../web/src/inbox/inbox-live';
import { InboxBell } from '../../web/src/inbox/InboxBell';
import { ALICE, BOARD, BOB, TEAM } from './fixtures';
import { FakeSocket, installFakeSocket } from './fake-socket';

const CARD_A = '00000000-0000-4000-8000-00000000ca01';
const CARD_B = '00000000-0000-4000-8000-00000000ca02';

let seq = 0;
const note = (over: Record<string, unknown>): Notification =>
  ({
    id: `n${++seq}`,
    userId: BOB,
    kind: 'mentioned',
    key: `k${seq}`,
    teamId: TEAM,
    boardId: BOARD,
    cardId: CARD_A,
    actor: { id: ALICE, name: 'Alice' },
    title: 'Fix login',
    boardTitle: 'Launch',
    excerpt: null,
    at: '2025-01-15T09:00:00.000Z',
    readAt: null,
    ...over,
  }) as Notification;

describe('grouping the inbox by card', () => {
  test('notifications about one card form one group, placed where its newest is; an invitation stands alone', () => {
    const items = [
      note({ cardId: CARD_A, title: 'Fix login' }),
      note({ kind: 'invited', cardId: null, boardId: null, title: 'Design team', teamId: 'other' as TeamId }),
      note({ cardId: CARD_B, title: 'Write docs', kind: 'assigned', readAt: '2025-01-15T10:00:00.000Z' }),
      note({ cardId: CARD_A, title: 'Fix login (old title)', kind: 'comment' }),
    ];
    const groups = groupByCard(items);
    expect(groups.map((g) => [g.title, g.items.length, g.unread, g.href])).toEqual([
      ['Fix login', 2, 2, `/app/teams/${TEAM}/boards/${BOARD}?card=${CARD_A}`],
      ['Design team', 1, 1, '/app'],
      ['Write docs', 1, 0, `/app/teams/${TEAM}/boards/${BOARD}?card=${CARD_B}`],
    ]);
  });
});

const tokenFor = (sub: string) => `e30.${btoa(JSON.stringify({ sub })).replace(/=+$/, '')}.sig`;
const posted: unknown[] = [];
let listed: Notification[] | 'down' = [];

beforeAll(() => {
  installFakeSocket();
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    let body: unknown = { error: { code: 'not_found', message: 'no' } };
    if (path.startsWith('/api/me/notifications/read')) {
      posted.push(JSON.parse(String(init?.body)));
      body = { unread: 0 };
    } else if (path.startsWith('/api/me/notifications') && listed !== 'down')
      body = { notifications: listed, unread: listed.filter((n) => !n.readAt).length, nextCursor: null };
    else if (path.endsWith('/members'))
      body = {
        members: [{ userId: ALICE, role: 'owner', addedAt: '', user: { id: ALICE, email: '', name: 'Alice A.' } }],
      };
    const text = JSON.stringify(body);
    const status = 'error' in (body as object) ? 404 : 200;
    return { status, ok: status < 300, text: async () => text };
  }) as unknown as typeof fetch;
});

const Header = () => {
  useInboxLive();
  return (
    <MemoryRouter>
      <InboxBell />
    </MemoryRouter>
  );
};

const signInAsBob = async () => {
  api.setAccessToken(tokenFor(BOB));
  const user = { id: BOB, name: 'Bob', email: 'bob@example.com', settings: {} as never };
  useSession.setState({ status: 'authenticated', confirmed: true, user, teams: [] });
  const view = render(<Header />);
  const socket = FakeSocket.last!;
  act(() => socket.onopen?.());
  return { socket, view };
};
const bell = () => screen.getByRole('button', { name: /^Notifications,/ });

describe('the inbox bell', () => {
  test('counts what the server lists, and a notification frame raises the count at once', async () => {
    listed = [note({ readAt: '2025-01-15T10:00:00.000Z' }), note({ cardId: CARD_B })];
    const { socket, view } = await signInAsBob();
    expect(JSON.parse(socket.sent[0]!)).toEqual({ type: 'auth', token: tokenFor(BOB) });
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications, 1 unread'));

    const mention = note({ excerpt: `<@${ALICE}> and <@${BOB}>, see this`, title: 'Deploy' });
    act(() => socket.frame({ type: 'notification', notification: mention }));
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 2 unread');
    // The same notification again (another instance, a retry) is not counted twice; garbage is dropped.
    act(() => socket.frame({ type: 'notification', notification: mention }));
    act(() => socket.frame({ type: 'notification', notification: { ...mention, id: 'x', kind: 'bogus' } }));
    act(() => socket.text('not json'));
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 2 unread');

    fireEvent.click(bell());
    const link = screen.getByRole('link', { name: 'Deploy' });
    expect(link.getAttribute('href')).toBe(`/app/teams/${TEAM}/boards/${BOARD}?card=${CARD_A}`);
    await waitFor(() =>
      expect(screen.getAllByTestId('mention').map((m) => m.textContent)).toEqual(['@Alice A.', '@unknown']),
    );
    view.unmount();
  });

  test('mark one read and mark all read lower the count and tell the server', async () => {
    posted.length = 0;
    listed = [note({ cardId: CARD_A }), note({ cardId: CARD_B, title: 'Write docs', kind: 'assigned' })];
    const { view } = await signInAsBob();
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications, 2 unread'));
    fireEvent.click(bell());
    const [first] = screen.getAllByRole('button', { name: /^Mark read/ });
    fireEvent.click(first!);
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 1 unread');
    const [firstId] = listed.map((n) => n.id);
    expect(posted).toEqual([{ ids: [firstId] }]);
    fireEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications, 0 unread'));
    expect(posted).toEqual([{ ids: [firstId] }, { all: true }]);
    expect(screen.queryAllByRole('button', { name: /^Mark read/ })).toEqual([]);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('heading', { name: 'Notifications' })).toBeNull();
    view.unmount();
    expect(inbox.getState().items).toEqual([]);
  });

  test('marking read in another tab (a notifications.read frame) lowers the count here without a reload', async () => {
    listed = [note({ cardId: CARD_A }), note({ cardId: CARD_B }), note({ cardId: CARD_B, title: 'Write docs' })];
    const { socket, view } = await signInAsBob();
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications, 3 unread'));
    const [firstId] = listed.map((n) => n.id);
    act(() => socket.frame({ type: 'notifications.read', ids: [firstId], unread: 2 }));
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 2 unread');
    expect(inbox.getState().items.find((n) => n.id === firstId)?.readAt).not.toBeNull();
    expect(inbox.getState().items.filter((n) => n.readAt === null)).toHaveLength(2);
    act(() => socket.frame({ type: 'notifications.read', all: true, unread: 0 }));
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 0 unread');
    expect(inbox.getState().items.every((n) => n.readAt !== null)).toBe(true);
    view.unmount();
  });

  test("a frame for another user (a previous session's socket) is not shown", async () => {
    listed = [];
    const { socket, view } = await signInAsBob();
    await waitFor(() => expect(inbox.getState().loaded).toBe(true));
    act(() => socket.frame({ type: 'notification', notification: note({ userId: ALICE as UserId }) }));
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 0 unread');
    view.unmount();
  });
});

test('an inbox the server cannot list says so instead of loading forever', async () => {
  listed = 'down';
  const { view } = await signInAsBob();
  await waitFor(() => expect(inbox.getState().failed).toBe(true));
  fireEvent.click(bell());
  expect(screen.getByText('Could not load your notifications.')).toBeTruthy();
  view.unmount();
});

describe('the inbox socket', () => {
  afterEach(() => jest.useRealTimers());

  const open = (refreshed: boolean) => {
    jest.useFakeTimers();
    let token = 'old';
    const refresh = jest.fn(async () => {
      token = 'new';
      return refreshed;
    });
    const stop = connectInbox({
      url: 'ws://test/ws',
      token: () => token,
      refresh,
      onNotification: jest.fn(),
      onRead: jest.fn(),
      onReady: jest.fn(),
    });
    const first = FakeSocket.last!;
    first.onopen?.();
    return { first, refresh, stop };
  };

  test('closed for an expired token, it gets a fresh token and authenticates again', async () => {
    const { first, refresh, stop } = open(true);
    first.onclose?.({ code: 4401 });
    await act(async () => undefined);
    expect(refresh).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(30_000);
    const second = FakeSocket.last!;
    expect(second).not.toBe(first);
    second.onopen?.();
    expect(JSON.parse(second.sent[0]!)).toEqual({ type: 'auth', token: 'new' });
    stop();
  });

  test('once the session is gone (no fresh token), it stays closed', async () => {
    const { first, stop } = open(false);
    first.onclose?.({ code: 4401 });
    await act(async () => undefined);
    jest.advanceTimersByTime(60_000);
    expect(FakeSocket.last).toBe(first);
    stop();
  });
});
