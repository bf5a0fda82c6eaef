/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { ArchivePanel, type ArchiveDrawer } from '../../web/src/board/ArchivePanel';
import { shortcutOf, type KeyPress } from '../../web/src/board/shortcuts';
import { createBoardStore } from '../../web/src/sync/board-store';
import { memoryStorage } from '../../web/src/sync/storage';
import { ALICE, done, fixLogin, sampleState, shipIt, todo } from './fixtures';

/** To Do with Fix login archived; Done archived as a list, with Ship it archived inside it. */
const setup = (canWrite = true) => {
  const s = sampleState();
  const state = {
    ...s,
    lists: { ...s.lists, [done.id]: { ...done, archived: true } },
    cards: {
      ...s.cards,
      [fixLogin.id]: { ...fixLogin, archived: true },
      [shipIt.id]: { ...shipIt, archived: true },
    },
  };
  const store = createBoardStore({
    boardId: s.board.id,
    editor: { actor: ALICE, clientId: 'c' },
    storage: memoryStorage(),
  });
  store.getState().loadSnapshot(state);
  const drawer: ArchiveDrawer = { open: true, toggle: jest.fn(), close: jest.fn(), toggleRef: { current: null } };
  render(<ArchivePanel drawer={drawer} store={store} canWrite={canWrite} />);
  return store;
};

const archivedCards = () => within(screen.getByRole('list', { name: 'Archived cards' })).queryAllByRole('listitem');

describe('the archive panel', () => {
  test('lists the archived list and the archived cards, saying where a card would come back', () => {
    setup();
    expect(within(screen.getByRole('list', { name: 'Archived lists' })).getByText('Done')).toBeTruthy();
    expect(archivedCards().map((li) => li.firstChild?.textContent)).toEqual(['Fix login', 'Ship it']);
    expect(screen.getByText(`In ${todo.title}`)).toBeTruthy();
    expect(screen.getByText(/In the archived list Done/)).toBeTruthy();
  });

  test('restoring a card puts it back on the board and out of the archive', () => {
    const store = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Restore card Fix login' }));
    expect(store.getState().view!.cards[fixLogin.id]!.archived).toBe(false);
    expect(archivedCards().map((li) => li.firstChild?.textContent)).toEqual(['Ship it']);
  });

  test('a card in an archived list can come back together with its list', () => {
    const store = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Restore card Ship it and its list Done' }));
    expect(store.getState().view!.lists[done.id]!.archived).toBe(false);
    expect(store.getState().view!.cards[shipIt.id]!.archived).toBe(false);
  });

  test('deleting for good asks first; cancelling keeps the card, confirming deletes it', () => {
    const store = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Delete card Fix login permanently' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the card “Fix login”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(store.getState().view!.cards[fixLogin.id]).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Delete card Fix login permanently' }));
    act(() => fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete permanently' })));
    expect(store.getState().view!.cards[fixLogin.id]).toBeUndefined();
    expect(store.getState().pending.map((m) => m.op)).toEqual([{ kind: 'card.delete', cardId: fixLogin.id }]);
  });

  test('a viewer sees the archive but cannot restore or delete', () => {
    setup(false);
    expect(archivedCards()).toHaveLength(2);
    expect(screen.queryByRole('button', { name: /Restore|Delete/ })).toBeNull();
  });
});

describe('keyboard shortcuts', () => {
  const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    target: document.body,
    ...extra,
  });
  const field = document.createElement('textarea');

  test('letters name their actions, and "?" opens help however it was typed', () => {
    expect(['n', 'e', 'c', 'l', 'm', 'd'].map((k) => shortcutOf(press(k), false))).toEqual([
      'new-card',
      'edit-card',
      'archive-card',
      'labels',
      'members',
      'due',
    ]);
    expect(shortcutOf(press('?', { shiftKey: true }), false)).toBe('help');
  });

  test('Ctrl+Z and Cmd+Z undo, but not while typing in a field (the browser undoes the text there)', () => {
    expect(shortcutOf(press('z', { ctrlKey: true }), false)).toBe('undo');
    expect(shortcutOf(press('z', { metaKey: true }), true)).toBe('undo');
    expect(shortcutOf(press('z', { ctrlKey: true, target: field }), false)).toBeNull();
    expect(shortcutOf(press('z', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });

  test('nothing fires inside a text field, with a modifier, or while a dialog is open', () => {
    expect(shortcutOf(press('c', { target: field }), false)).toBeNull();
    expect(shortcutOf(press('c', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutOf(press('C', { shiftKey: true }), false)).toBeNull();
    expect(shortcutOf(press('c'), true)).toBeNull();
    expect(shortcutOf(press('x'), false)).toBeNull();
  });
});
