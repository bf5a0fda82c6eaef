/**
 * @jest-environment jsdom
 */
import './support/text-encoder';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { ApiClient } from '../../web/src/api/client';
import { SearchBox } from '../../web/src/search/SearchBox';
import { SnippetText, snippetPieces } from '../../web/src/search/SnippetText';
import type { SearchPage, SearchResult } from '../../web/src/search/search-api';

const TEAM = '0190a000-0000-7000-8000-000000000001';
const BOARD = '0190a000-0000-7000-8000-000000000002';

const cardHit = (n: number): SearchResult => ({
  kind: 'card',
  id: `card-${n}`,
  boardId: BOARD,
  cardId: `card-${n}`,
  title: `Deploy step ${n}`,
  snippet: { text: `notes about deploy ${n}`, highlights: [[12, 18]] },
  archived: n === 2,
});

/** An API whose search answers the given pages in turn, recording the URLs asked for. */
const apiAnswering = (...pages: SearchPage[]) => {
  const urls: string[] = [];
  const fetchFn = (async (url: string) => {
    urls.push(url);
    const page = pages.shift() ?? { results: [], nextCursor: null };
    return { status: 200, ok: true, text: async () => JSON.stringify(page) };
  }) as unknown as typeof fetch;
  return { api: new ApiClient('', fetchFn), urls };
};

const renderBox = (api: ApiClient) =>
  render(
    <MemoryRouter>
      <textarea aria-label="Notes" />
      <div contentEditable suppressContentEditableWarning data-testid="rich">
        <b>rich text</b>
      </div>
      <SearchBox api={api} teamId={TEAM} />
    </MemoryRouter>,
  );

describe('search snippets', () => {
  test('marks the highlighted ranges with <mark> and keeps markup in the text as text', () => {
    const { container } = render(
      <SnippetText snippet={{ text: 'see <img src=x onerror=alert(1)> deploy', highlights: [[33, 39]] }} />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['deploy']);
    expect(container.textContent).toBe('see <img src=x onerror=alert(1)> deploy');
  });

  test('ignores ranges that overlap, run backwards or fall outside the text', () => {
    const pieces = snippetPieces({
      text: 'abcdef',
      highlights: [
        [0, 2],
        [1, 3],
        [4, 3],
        [4, 99],
        [4, 6],
      ],
    });
    expect(pieces).toEqual([
      { text: 'ab', marked: true },
      { text: 'cd', marked: false },
      { text: 'ef', marked: true },
    ]);
  });
});

describe('the search box', () => {
  test('/ focuses it, but not while typing in a text field', () => {
    renderBox(apiAnswering().api);
    const box = screen.getByRole('searchbox', { name: 'Search this team' });
    const notes = screen.getByRole('textbox', { name: 'Notes' });
    notes.focus();
    expect(fireEvent.keyDown(notes, { key: '/' })).toBe(true);
    expect(document.activeElement).toBe(notes);
    expect(fireEvent.keyDown(screen.getByText('rich text'), { key: '/' })).toBe(true);
    expect(fireEvent.keyDown(document.body, { key: '/' })).toBe(false);
    expect(document.activeElement).toBe(box);
  });

  test('shows results as links to their card and appends the next page on "More results"', async () => {
    const { api, urls } = apiAnswering(
      { results: [cardHit(1), cardHit(2)], nextCursor: 'next-1' },
      { results: [cardHit(3)], nextCursor: null },
    );
    renderBox(api);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'deplo' } });
    const results = await screen.findByRole('region', { name: 'Search results' });
    await waitFor(() => expect(results.querySelectorAll('a')).toHaveLength(2));
    expect(results.querySelector('a')?.getAttribute('href')).toBe(`/app/teams/${TEAM}/boards/${BOARD}?card=card-1`);
    expect(screen.getByText('Archived')).toBeTruthy();
    expect(urls[0]).toBe(`/api/teams/${TEAM}/search?q=deplo&limit=20`);

    fireEvent.click(screen.getByRole('button', { name: 'More results' }));
    await waitFor(() => expect(results.querySelectorAll('a')).toHaveLength(3));
    expect(urls[1]).toBe(`/api/teams/${TEAM}/search?q=deplo&limit=20&cursor=next-1`);
    expect(screen.queryByRole('button', { name: 'More results' })).toBeNull();
  });

  test('says when nothing was found', async () => {
    renderBox(apiAnswering({ results: [], nextCursor: null }).api);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'zebra' } });
    expect(await screen.findByText('Nothing found.')).toBeTruthy();
  });
});
