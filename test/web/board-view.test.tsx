/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { BoardView } from '../../web/src/board/BoardView';
import { createBoardStore } from '../../web/src/sync/board-store';
import { memoryStorage } from '../../web/src/sync/storage';
import { ALICE, movedEvent, sampleState, writeDocs, done } from './fixtures';

// jsdom lays nothing out, and lists render only the cards that fit their visible height: give elements a box.
const box = { clientHeight: 600, clientWidth: 288 };
const layoutless = Object.fromEntries(
  Object.keys(box).map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)]),
);
beforeAll(() => {
  for (const [k, v] of Object.entries(box))
    Object.defineProperty(HTMLElement.prototype, k, { configurable: true, get: () => v });
});
afterAll(() => {
  for (const [k, d] of Object.entries(layoutless)) if (d) Object.defineProperty(HTMLElement.prototype, k, d);
});

const setup = (canWrite: boolean) => {
  const store = createBoardStore({
    boardId: sampleState().board.id,
    editor: { actor: ALICE, clientId: 'c' },
    storage: memoryStorage(),
  });
  store.getState().loadSnapshot(sampleState());
  render(<BoardView store={store} canWrite={canWrite} onOpenCard={() => undefined} />);
  return store;
};

const cardTitles = (listTitle: string) =>
  within(screen.getByRole('region', { name: `List ${listTitle}` }))
    .queryAllByTestId('card')
    .map((c) => c.querySelector('span')?.textContent);

describe('the board view', () => {
  test('shows lists side by side with their cards in order', () => {
    setup(true);
    expect(cardTitles('To Do')).toEqual(['Fix login', 'Write docs']);
    expect(cardTitles('Done')).toEqual(['Ship it']);
  });

  test('a card added by the user appears at once, marked as saving', () => {
    setup(true);
    fireEvent.change(screen.getByLabelText('Add a card to Done'), { target: { value: 'Celebrate' } });
    fireEvent.submit(screen.getByLabelText('Add a card to Done').closest('form')!);

    expect(cardTitles('Done')).toEqual(['Ship it', 'Celebrate']);
    expect(within(screen.getByRole('region', { name: 'List Done' })).getByText('Saving…')).toBeTruthy();
  });

  test('another member’s move appears when its event arrives', () => {
    const store = setup(true);
    act(() => void store.getState().receive([movedEvent(11, writeDocs, done.id, 'a1')]));
    expect(cardTitles('Done')).toEqual(['Ship it', 'Write docs']);
    expect(cardTitles('To Do')).toEqual(['Fix login']);
  });

  test('a viewer gets no editing controls and cards that cannot be dragged', () => {
    setup(false);
    expect(screen.queryByLabelText('Add a card to To Do')).toBeNull();
    expect(screen.queryByLabelText('Add a list')).toBeNull();
    const card = screen.getAllByTestId('card')[0]!;
    expect(card.getAttribute('aria-roledescription')).toBeNull();
  });

  test('cards are announced to screen readers as sortable with instructions', () => {
    setup(true);
    const card = screen.getAllByTestId('card')[0]!;
    const help = document.getElementById(card.getAttribute('aria-describedby') ?? '');
    expect(card.getAttribute('aria-roledescription')).toBe('sortable');
    expect(help?.textContent).toContain('press Space');
  });
});
