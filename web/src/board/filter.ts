import type { Card } from '../../../src/domain/board';
import { sameLabelName } from '../../../src/domain/card-model';
import { dueMoment } from './card-model/dates';
import type { BoardLayout } from './layout';

/**
 * The board's filter: which cards to show. Kept in the page's query string (so a reload or a shared
 * link shows the same cards) and applied in the browser to the board it already holds. Criteria
 * combine with AND; several labels (or members) match a card that has ANY of them.
 */
export type DueFilter = 'overdue' | 'week' | 'none';
export const DUE_FILTERS: readonly DueFilter[] = ['overdue', 'week', 'none'];

export interface CardFilter {
  readonly text: string;
  /** Label names. */
  readonly labels: readonly string[];
  /** User ids. */
  readonly members: readonly string[];
  readonly due: DueFilter | null;
  /** Only cards assigned to the viewer. */
  readonly mine: boolean;
}

export const NO_FILTER: CardFilter = { text: '', labels: [], members: [], due: null, mine: false };

/** What a card is judged against: the viewer, the time and their zone (for all-day due dates). */
export interface FilterContext {
  readonly me: string | null;
  readonly now: number;
  readonly zone: string;
}

const KEYS = { text: 'q', label: 'label', member: 'member', due: 'due', mine: 'mine' } as const;
const WEEK_MS = 7 * 24 * 3_600_000;

const isDue = (v: string | null): v is DueFilter => v !== null && (DUE_FILTERS as readonly string[]).includes(v);
const uniq = (xs: readonly string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

/** The filter a query string describes; anything it does not understand is ignored. */
export const filterFromQuery = (params: URLSearchParams): CardFilter => {
  const due = params.get(KEYS.due);
  return {
    text: params.get(KEYS.text) ?? '',
    labels: uniq(params.getAll(KEYS.label)),
    members: uniq(params.getAll(KEYS.member)),
    due: isDue(due) ? due : null,
    mine: params.get(KEYS.mine) === '1',
  };
};

/** `params` with the filter written in (other parameters kept; an empty criterion leaves no trace). */
export const filterToQuery = (filter: CardFilter, params = new URLSearchParams()): URLSearchParams => {
  const next = new URLSearchParams(params);
  for (const key of Object.values(KEYS)) next.delete(key);
  if (filter.text.trim() !== '') next.set(KEYS.text, filter.text);
  for (const l of uniq(filter.labels)) next.append(KEYS.label, l);
  for (const m of uniq(filter.members)) next.append(KEYS.member, m);
  if (filter.due) next.set(KEYS.due, filter.due);
  if (filter.mine) next.set(KEYS.mine, '1');
  return next;
};

export const isFiltering = (f: CardFilter): boolean =>
  f.text.trim() !== '' || f.labels.length > 0 || f.members.length > 0 || f.due !== null || f.mine;

/** The filter with one value of a list criterion switched on or off. */
export const toggleIn = (values: readonly string[], value: string): string[] =>
  values.includes(value) ? values.filter((v) => v !== value) : [...values, value];

const matchesDue = (card: Card, due: DueFilter, ctx: FilterContext): boolean => {
  const at = dueMoment(card, ctx.zone);
  if (due === 'none') return at === null;
  if (at === null || card.dueDone) return false;
  return due === 'overdue' ? at <= ctx.now : at > ctx.now && at <= ctx.now + WEEK_MS;
};

/**
 * A card's title and description in lower case, made once per card object: the view replaces a card
 * when it changes, so typing a filter over 5,000 cards lowers none of them again.
 */
const lowered = new WeakMap<Card, readonly [string, string]>();
const loweredText = (card: Card): readonly [string, string] => {
  let text = lowered.get(card);
  if (!text) {
    text = [card.title.toLocaleLowerCase(), card.description.toLocaleLowerCase()];
    lowered.set(card, text);
  }
  return text;
};

/** The filter as one test per card, with what every card shares (the lowered text) worked out once. */
export const cardPredicate = (f: CardFilter, ctx: FilterContext): ((card: Card) => boolean) => {
  const text = f.text.trim().toLocaleLowerCase();
  const me = ctx.me as Card['assignees'][number] | null;
  return (card) => {
    if (text !== '') {
      const [title, description] = loweredText(card);
      if (!title.includes(text) && !description.includes(text)) return false;
    }
    if (f.labels.length > 0 && !card.labels.some((l) => f.labels.some((want) => sameLabelName(l, want)))) return false;
    if (f.members.length > 0 && !card.assignees.some((a) => f.members.includes(a))) return false;
    if (f.mine && (me === null || !card.assignees.includes(me))) return false;
    return f.due === null || matchesDue(card, f.due, ctx);
  };
};

/** Whether the card passes every criterion of the filter. */
export const matchesFilter = (card: Card, f: CardFilter, ctx: FilterContext): boolean => cardPredicate(f, ctx)(card);

const sameCards = (a: readonly Card[], b: readonly Card[]): boolean =>
  a.length === b.length && a.every((card, i) => card === b[i]);

/**
 * The layout with only the matching cards (lists stay, even when empty, so one can still drop into
 * them). A list whose cards are those `previous` showed for it keeps that very array, so its column
 * (a memoised component) is not rendered again.
 */
export const filterLayout = (
  layout: BoardLayout,
  f: CardFilter,
  ctx: FilterContext,
  previous?: BoardLayout,
): BoardLayout => {
  if (!isFiltering(f)) return layout;
  const matches = cardPredicate(f, ctx);
  const cardsByList = new Map<string, readonly Card[]>();
  for (const [listId, cards] of layout.cardsByList) {
    const shown = cards.filter(matches);
    const before = previous?.cardsByList.get(listId);
    cardsByList.set(listId, before && sameCards(before, shown) ? before : shown);
  }
  return { lists: layout.lists, cardsByList };
};

/** How many cards the layout shows. */
export const shownCount = (layout: BoardLayout): number => {
  let n = 0;
  for (const cards of layout.cardsByList.values()) n += cards.length;
  return n;
};
