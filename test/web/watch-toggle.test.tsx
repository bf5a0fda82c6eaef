/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ApiClient } from '../../web/src/api/client';
import { WatchToggle } from '../../web/src/board/WatchToggle';
import { BOARD, fixLogin, TEAM } from './fixtures';

const base = `/api/teams/${TEAM}/boards/${BOARD}`;

/** A server whose watch list is `watches`, refusing changes while `refuse` is set. */
const fakeApi = (watches: { board: boolean; cards: string[] }, refuse = false) => {
  const calls: string[] = [];
  const api = {
    request: jest.fn(async (method: string, path: string) => {
      if (method === 'GET') return watches;
      calls.push(`${method} ${path}`);
      if (refuse) throw new Error('offline');
      return undefined;
    }),
  } as unknown as ApiClient;
  return { api, calls };
};

describe('watch toggles', () => {
  test('the card toggle shows the card as watched and unwatching it sends DELETE on the card', async () => {
    const { api, calls } = fakeApi({ board: false, cards: [fixLogin.id] });
    render(<WatchToggle api={api} base={base} cardId={fixLogin.id} />);
    const button = await screen.findByRole('button', { name: 'Watching this card' });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(button);
    expect(screen.getByRole('button', { name: 'Watch this card' }).getAttribute('aria-pressed')).toBe('false');
    expect(calls).toEqual([`DELETE ${base}/cards/${fixLogin.id}/watch`]);
  });

  test('watching the board sends PUT; a change the server refuses is undone', async () => {
    const { api, calls } = fakeApi({ board: false, cards: [] }, true);
    render(<WatchToggle api={api} base={base} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Watch this board' }));
    expect(calls).toEqual([`PUT ${base}/watch`]);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Watch this board' }).getAttribute('aria-pressed')).toBe('false'),
    );
  });
});
