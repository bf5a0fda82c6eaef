/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Card } from '../../src/domain/board';
import type { BoardEventRecord } from '../../src/domain/events';
import type { ApiClient } from '../../web/src/api/client';
import { CardDetail } from '../../web/src/board/CardDetail';
import type { BoardOpInput } from '../../web/src/sync/ops';
import { BOARD, BOB, fixLogin, TEAM } from './fixtures';

const base = `/api/teams/${TEAM}/boards/${BOARD}`;

/** Bob's update of the card, as the event log holds it. */
const bobsUpdate = (seq: number, changes: object): BoardEventRecord =>
  ({
    kind: 'card.updated',
    data: { cardId: fixLogin.id, changes, title: fixLogin.title, updatedAt: fixLogin.updatedAt },
    teamId: TEAM,
    boardId: BOARD,
    seq,
    actor: BOB,
    origin: null,
    at: fixLogin.updatedAt,
  }) as BoardEventRecord;

/** A server that answers the dialog's reads: no comments, Bob's description change at seq 11. */
const fakeApi = () =>
  ({
    request: jest.fn(async (_method: string, path: string) => {
      if (path.includes('/comments')) return { comments: [] };
      if (path.includes('/events')) return { events: [bobsUpdate(11, { description: 'Bob’s steps' })], hasMore: false };
      if (path.includes('/activity'))
        return { entries: [{ seq: 11, at: '', actor: { id: BOB, name: 'Bob' }, kind: 'card.updated', text: '' }] };
      throw new Error(`unexpected ${path}`);
    }),
  }) as unknown as ApiClient;

const open = async (canWrite = true) => {
  const mutate = jest.fn<string, [BoardOpInput]>(() => 'mid');
  const onClose = jest.fn();
  const api = fakeApi();
  const props = { canWrite, api, base, seq: 10, mutate, onClose };
  const view = render(<CardDetail card={fixLogin} {...props} />);
  // Let the comments load, as they would before anyone types.
  await act(async () => undefined);
  const live = (card: Card) => view.rerender(<CardDetail card={card} {...props} />);
  return { mutate, onClose, live, view };
};

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const valueOf = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;

describe('the card dialog', () => {
  test('saving a new title sends only the title, keeping a description and labels someone added meanwhile', async () => {
    const { mutate, live } = await open();
    live({ ...fixLogin, description: 'Steps to reproduce', labels: ['bug', 'p1'] });
    type('Title', 'Fix sign-in');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(mutate).toHaveBeenCalledTimes(1);
    expect(mutate).toHaveBeenCalledWith({
      kind: 'card.update',
      cardId: fixLogin.id,
      title: 'Fix sign-in',
    });
  });

  test('fields the person has not touched follow live changes in place', async () => {
    const { live } = await open();
    type('Title', 'Mine');
    live({ ...fixLogin, description: 'Added by Bob', dueDate: '2025-03-01', labels: ['bug'] });

    expect(valueOf('Description')).toBe('Added by Bob');
    expect(valueOf('Due date')).toBe('2025-03-01');
    expect(valueOf('Labels (comma separated)')).toBe('bug');
    expect(valueOf('Title')).toBe('Mine');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('a field someone else changes while the person edits it is shown as a conflict naming them', async () => {
    const { live, mutate } = await open();
    type('Description', 'My steps');
    live({ ...fixLogin, description: 'Bob’s steps' });

    expect(valueOf('Description')).toBe('My steps');
    expect(screen.getByRole('alert').textContent).toContain('Theirs: Bob’s steps');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('Bob changed the description while you were editing it.'),
    );
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    expect(mutate).not.toHaveBeenCalled();
  });

  test('keep yours saves the person’s value knowingly', async () => {
    const { live, mutate } = await open();
    type('Description', 'My steps');
    live({ ...fixLogin, description: 'Bob’s steps' });
    fireEvent.click(screen.getByRole('button', { name: 'Keep yours' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(mutate).toHaveBeenCalledWith({
      kind: 'card.update',
      cardId: fixLogin.id,
      description: 'My steps',
    });
    await act(async () => undefined);
  });

  test('take theirs shows their value and sends nothing for that field', async () => {
    const { live, mutate, onClose } = await open();
    type('Description', 'My steps');
    live({ ...fixLogin, description: 'Bob’s steps' });
    fireEvent.click(screen.getByRole('button', { name: 'Take theirs' }));

    expect(valueOf('Description')).toBe('Bob’s steps');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(mutate).not.toHaveBeenCalled();
    expect(onClose).toHaveBeenCalled();
    await act(async () => undefined);
  });

  test('a viewer gets a read-only dialog with no editable fields', async () => {
    await open(false);
    const dialog = screen.getByRole('dialog', { name: fixLogin.title });

    expect(dialog.querySelectorAll('input, textarea, select').length).toBe(0);
    expect(screen.getByText('View only: you can read this card but not change it.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Archive card' })).toBeNull();
  });
});

describe('the card dialog’s focus', () => {
  const openers: HTMLElement[] = [];
  afterEach(() => openers.splice(0).forEach((o) => o.remove()));

  const withOpener = () => {
    const opener = document.createElement('button');
    opener.textContent = 'Fix login';
    document.body.appendChild(opener);
    openers.push(opener);
    opener.focus();
    return opener;
  };

  test('moves into the dialog and Tab cycles inside it in both directions', async () => {
    withOpener();
    await open();
    const dialog = screen.getByRole('dialog');
    expect(document.activeElement).toBe(dialog);

    const buttons = screen.getAllByRole('button');
    const first = screen.getByLabelText('Title');
    const last = buttons[buttons.length - 1]!;
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
  });

  test('Escape closes it wherever the key is pressed', async () => {
    withOpener();
    const { onClose } = await open();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  test('returns to the card that opened it on close', async () => {
    const opener = withOpener();
    const { view } = await open();
    expect(document.activeElement).not.toBe(opener);
    view.unmount();
    expect(document.activeElement).toBe(opener);
  });
});
