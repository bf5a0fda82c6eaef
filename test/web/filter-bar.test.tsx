/**
 * @jest-environment jsdom
 */
import './support/text-encoder';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { BoardView } from '../../web/src/board/BoardView';
import { CardModelProvider } from '../../web/src/board/card-model/context';
import { FilterBar, useBoardFilter } from '../../web/src/board/FilterBar';
import { createBoardStore, type BoardSyncStore } from '../../web/src/sync/board-store';
import { memoryStorage } from '../../web/src/sync/storage';
import { ALICE, movedEvent, done, sampleState, writeDocs } from './fixtures';

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

const Search = () => <output data-testid="search">{useLocation().search}</output>;

/** The filter bar and the board as the board page wires them. */
const Page = ({ store }: { store: BoardSyncStore }) => {
  const filter = useBoardFilter(ALICE);
  return (
    <CardModelProvider labels={[]} people={[]} me={ALICE}>
      <FilterBar store={store} {...filter} />
      <BoardView store={store} canWrite onOpenCard={() => undefined} narrow={filter.narrow} />
      <Search />
    </CardModelProvider>
  );
};

const setup = (url = '/board') => {
  const store = createBoardStore({
    boardId: sampleState().board.id,
    editor: { actor: ALICE, clientId: 'c' },
    storage: memoryStorage(),
  });
  store.getState().loadSnapshot(sampleState());
  render(
    <MemoryRouter initialEntries={[url]}>
      <Page store={store} />
    </MemoryRouter>,
  );
  return store;
};

const cardTitles = (listTitle: string) =>
  within(screen.getByRole('region', { name: `List ${listTitle}` }))
    .queryAllByTestId('card')
    .map((c) => c.querySelector('span')?.textContent);

describe('the filter bar over the board', () => {
  test('typed text narrows the board, says how many cards it shows and is kept in the address', async () => {
    setup();
    expect(screen.getByTestId('filter-count').textContent).toBe('3 cards');
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Filter cards by text'), { target: { value: 'docs' } });
    });
    expect(screen.getByTestId('filter-count').textContent).toBe('Showing 1 of 3 cards');
    expect(cardTitles('To Do')).toEqual(['Write docs']);
    expect(cardTitles('Done')).toEqual([]);
    expect(screen.getByTestId('search').textContent).toBe('?q=docs');
  });

  test('a filter in the link applies on load, follows the board as it changes, and clears', async () => {
    const store = setup('/board?q=docs');
    expect(screen.getByTestId('filter-count').textContent).toBe('Showing 1 of 3 cards');
    act(() => void store.getState().receive([movedEvent(11, writeDocs, done.id, 'a1')]));
    expect(cardTitles('Done')).toEqual(['Write docs']);
    expect(cardTitles('To Do')).toEqual([]);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    });
    expect(screen.getByTestId('filter-count').textContent).toBe('3 cards');
    expect(cardTitles('To Do')).toEqual(['Fix login']);
    expect(screen.getByTestId('search').textContent).toBe('');
  });
});
