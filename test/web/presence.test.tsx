/**
 * @jest-environment jsdom
 */
import { act, render, screen } from '@testing-library/react';
import * as E from 'fp-ts/Either';
import { decodeClientFrame } from '../../src/adapters/ws/frames';
import type { PresenceViewer } from '../../src/domain/presence';
import { encodeServerFrame } from '../../src/domain/wire-server';
import { showPresenceOf } from '../../web/src/presence/active';
import { hueOf, initialsOf } from '../../web/src/presence/avatar';
import { AlsoEditing, EditingMarker } from '../../web/src/presence/CardPresence';
import { PresenceAvatars } from '../../web/src/presence/PresenceAvatars';
import { createPresenceStore } from '../../web/src/presence/presence-store';
import { ALICE, BOARD, BOB, TEAM, fixLogin, writeDocs } from './fixtures';
import { FakeSocket, installFakeSocket, openLiveFeed } from './fake-socket';

beforeAll(installFakeSocket);

const ANA = '00000000-0000-4000-8000-0000000000c1';
const viewer = (userId: string, name: string, editing: string | null = null): PresenceViewer =>
  ({ userId, name, editing }) as PresenceViewer;

const openLive = () => {
  const heard: (readonly PresenceViewer[])[] = [];
  const { feed, socket } = openLiveFeed({ onPresence: (v) => void heard.push(v) });
  const subscribed = () => socket.text(encodeServerFrame({ type: 'subscribed', teamId: TEAM, boardId: BOARD, seq: 3 }));
  const presenceSent = () =>
    socket.sent
      .map(decodeClientFrame)
      .flatMap((f) => (E.isRight(f) && f.right.type === 'presence' ? [f.right.editing] : []));
  return { feed, socket, heard, subscribed, presenceSent };
};

describe('the live feed carries presence', () => {
  test('once subscribed it says the board is open, then which card is, in frames the server reads', () => {
    const { feed, subscribed, presenceSent } = openLive();
    feed.setEditing(fixLogin.id);
    expect(presenceSent()).toEqual([]);
    subscribed();
    feed.setEditing(null);
    feed.setEditing(null);
    feed.stop();
    expect(presenceSent()).toEqual([fixLogin.id, null]);
  });

  test('after a reconnect the card open here is said again', () => {
    const { feed, subscribed } = openLive();
    subscribed();
    feed.setEditing(writeDocs.id);
    feed.reconnect();
    const again = FakeSocket.last!;
    again.onopen?.();
    again.text(encodeServerFrame({ type: 'subscribed', teamId: TEAM, boardId: BOARD, seq: 3 }));
    feed.stop();
    expect(again.sent.map(decodeClientFrame).at(-1)).toEqual(
      E.right({ type: 'presence', teamId: TEAM, boardId: BOARD, editing: writeDocs.id }),
    );
  });

  test('presence frames reach the board, and a dropped socket empties it', () => {
    const { feed, socket, heard } = openLive();
    const viewers = [viewer(ALICE, 'Alice'), viewer(BOB, 'Bob', fixLogin.id)];
    socket.text(encodeServerFrame({ type: 'presence', teamId: TEAM, boardId: BOARD, viewers }));
    socket.close();
    feed.stop();
    expect(heard).toEqual([viewers, []]);
  });
});

describe('presence on the board page', () => {
  const show = (viewers: PresenceViewer[], setEditing = jest.fn()) => {
    const store = createPresenceStore();
    store.setState({ viewers });
    const stop = showPresenceOf({ store, me: ALICE, setEditing });
    return { store, stop, setEditing };
  };

  test('the header shows the others by initials in their own colour, not the signed-in user', () => {
    const { stop } = show([viewer(ALICE, 'Alice'), viewer(BOB, 'Bob Stone'), viewer(ANA, 'ana')]);
    render(<PresenceAvatars />);
    const faces = screen.getByTestId('presence-avatars').querySelectorAll('[data-user-id]');
    expect([...faces].map((f) => f.textContent)).toEqual(['BS', 'A']);
    expect(screen.getByTestId('presence-avatars').textContent).toContain('Also on this board: Bob Stone, ana');
    act(() => stop());
    expect(screen.queryByTestId('presence-avatars')).toBeNull();
  });

  test('a card someone else has open carries their marker; one only this user has open does not', () => {
    const { stop } = show([viewer(ALICE, 'Alice', writeDocs.id), viewer(BOB, 'Bob', fixLogin.id)]);
    render(
      <>
        <EditingMarker cardId={fixLogin.id} />
        <EditingMarker cardId={writeDocs.id} />
      </>,
    );
    expect(screen.getAllByTestId('editing-marker')).toHaveLength(1);
    expect(screen.getByTestId('editing-marker').getAttribute('title')).toBe('Bob has this card open');
    stop();
  });

  test('the card dialog says who else is editing, and tells the server it is open until it closes', () => {
    const { store, stop, setEditing } = show([viewer(BOB, 'Bob', fixLogin.id)]);
    const { unmount } = render(<AlsoEditing cardId={fixLogin.id} />);
    expect(screen.getByTestId('also-editing').textContent).toContain('Bob is also editing');
    act(() => store.setState({ viewers: [viewer(BOB, 'Bob', fixLogin.id), viewer(ANA, 'Ana', fixLogin.id)] }));
    expect(screen.getByTestId('also-editing').textContent).toContain('Bob and Ana are also editing');
    unmount();
    expect(setEditing.mock.calls).toEqual([[fixLogin.id], [null]]);
    stop();
  });

  test('initials and colours are stable for a person', () => {
    expect(initialsOf('  Émile   zola jr ')).toBe('ÉZ');
    expect(initialsOf('')).toBe('?');
    expect(hueOf(BOB)).toBe(hueOf(BOB));
    expect(hueOf(BOB)).not.toBe(hueOf(ALICE));
  });
});
