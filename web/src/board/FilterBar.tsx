import { useCallback, useDeferredValue, useId, useMemo, useRef, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useStore } from 'zustand';
import type { BoardSyncStore } from '../sync/board-store';
import { useCardModel } from './card-model/context';
import { viewerZone } from './card-model/dates';
import {
  filterFromQuery,
  filterLayout,
  filterToQuery,
  isFiltering,
  NO_FILTER,
  shownCount,
  toggleIn,
  type CardFilter,
  type DueFilter,
} from './filter';
import { layoutOf, type BoardLayout } from './layout';

/**
 * The board filter as the page's query string holds it, and the layout narrowing it stands for. Each
 * change replaces the history entry (typing is not a trail of Back steps), and a reload or a shared
 * link keeps the filter. `filter` follows every keystroke (the controls show it); `applied` is the
 * same filter deferred, so the text box answers at once and the board is narrowed in a render that
 * the next keystroke may interrupt. `narrow` works the narrowing out once per layout, for the bar's
 * count and the board alike.
 */
export const useBoardFilter = (me: string | null) => {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromQuery(params), [params]);
  const applied = useDeferredValue(filter);
  const setFilter = useCallback(
    (next: CardFilter) => setParams((p) => filterToQuery(next, p), { replace: true }),
    [setParams],
  );
  // The last narrowing shown: lists it left unchanged keep their arrays, and so skip rendering.
  const shown = useRef<BoardLayout | undefined>(undefined);
  const narrow = useMemo(() => {
    const ctx = { me, now: Date.now(), zone: viewerZone() };
    let last: { layout: BoardLayout; narrowed: BoardLayout } | null = null;
    return (layout: BoardLayout) => {
      if (last?.layout !== layout) {
        last = { layout, narrowed: filterLayout(layout, applied, ctx, shown.current) };
        shown.current = last.narrowed;
      }
      return last.narrowed;
    };
  }, [applied, me]);
  return { filter, applied, setFilter, narrow };
};

const cards = (n: number) => `${n} card${n === 1 ? '' : 's'}`;

const control = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm';

/** A drop-down of checkboxes (labels, members) that keeps the bar one line high. */
const Choices = ({ title, count, children }: { title: string; count: number; children: ReactNode }) => (
  <details className="relative">
    <summary className={`${control} cursor-pointer list-none`}>
      {title}
      {count > 0 ? ` (${count})` : ''} ▾
    </summary>
    <div className="absolute z-20 mt-1 max-h-64 w-56 overflow-y-auto rounded border border-slate-300 bg-white p-2 shadow-lg">
      {children}
    </div>
  </details>
);

const Check = ({ checked, onChange, children }: { checked: boolean; onChange: () => void; children: ReactNode }) => (
  <label className="flex items-center gap-2 py-0.5 text-sm">
    <input type="checkbox" checked={checked} onChange={onChange} />
    {children}
  </label>
);

interface FilterBarProps {
  readonly store: BoardSyncStore;
  readonly filter: CardFilter;
  /** The filter the board shows now (`filter` deferred): the count speaks of it. */
  readonly applied: CardFilter;
  readonly setFilter: (f: CardFilter) => void;
  readonly narrow: (layout: BoardLayout) => BoardLayout;
}

/** Text, labels, members, due and "only mine", with a count of the cards shown and a way back to all. */
export const FilterBar = ({ store, filter, applied, setFilter, narrow }: FilterBarProps) => {
  const { labels, people, me } = useCardModel();
  const view = useStore(store, (s) => s.view);
  const counts = useMemo(() => {
    const all = layoutOf(view);
    return { all: shownCount(all), shown: shownCount(narrow(all)) };
  }, [view, narrow]);
  const id = useId();
  const set = (change: Partial<CardFilter>) => setFilter({ ...filter, ...change });
  const active = isFiltering(applied);

  return (
    <div role="search" aria-label="Filter cards" className="mb-2 flex flex-wrap items-center gap-2">
      <input
        type="search"
        aria-label="Filter cards by text"
        placeholder="Filter cards…"
        className={control}
        value={filter.text}
        onChange={(e) => set({ text: e.target.value })}
      />
      <Choices title="Labels" count={filter.labels.length}>
        {labels.length === 0 && <p className="text-sm text-slate-700">No labels on this board.</p>}
        {labels.map((l) => (
          <Check
            key={l.id}
            checked={filter.labels.includes(l.name)}
            onChange={() => set({ labels: toggleIn(filter.labels, l.name) })}
          >
            {l.name}
          </Check>
        ))}
      </Choices>
      <Choices title="Members" count={filter.members.length}>
        {people.map((p) => (
          <Check
            key={p.id}
            checked={filter.members.includes(p.id)}
            onChange={() => set({ members: toggleIn(filter.members, p.id) })}
          >
            <bdi>{p.name}</bdi>
          </Check>
        ))}
      </Choices>
      <label className="flex items-center gap-1 text-sm">
        <span id={`${id}-due`}>Due</span>
        <select
          aria-labelledby={`${id}-due`}
          className={control}
          value={filter.due ?? ''}
          onChange={(e) => set({ due: (e.target.value || null) as DueFilter | null })}
        >
          <option value="">Any time</option>
          <option value="overdue">Overdue</option>
          <option value="week">Due in the next 7 days</option>
          <option value="none">No due date</option>
        </select>
      </label>
      {me !== null && (
        <Check checked={filter.mine} onChange={() => set({ mine: !filter.mine })}>
          Only my cards
        </Check>
      )}
      <p role="status" className="text-sm text-slate-700" data-testid="filter-count">
        {active ? `Showing ${counts.shown} of ${cards(counts.all)}` : cards(counts.all)}
      </p>
      {isFiltering(filter) && (
        <button type="button" className="text-sm underline" onClick={() => setFilter(NO_FILTER)}>
          Clear filters
        </button>
      )}
    </div>
  );
};
