import type { Card } from '../../src/domain/board';
import type { UserId } from '../../src/domain/ids';
import {
  cardPredicate,
  filterFromQuery,
  filterLayout,
  filterToQuery,
  isFiltering,
  matchesFilter,
  NO_FILTER,
  shownCount,
  type CardFilter,
} from '../../web/src/board/filter';
import { layoutBoard, layoutOf } from '../../web/src/board/layout';
import { ALICE, BOB, fixLogin, sampleState, shipIt, writeDocs } from './fixtures';

const ctx = { me: ALICE as string, now: Date.parse('2026-01-15T12:00:00.000Z'), zone: 'Europe/Paris' };
const filter = (f: Partial<CardFilter>): CardFilter => ({ ...NO_FILTER, ...f });
const cardWith = (c: Partial<Card>): Card => ({ ...fixLogin, ...c });
const shown = (f: Partial<CardFilter>, cards: Card[]) => cards.filter((c) => matchesFilter(c, filter(f), ctx));

describe('the board filter in the address bar', () => {
  test('a filter survives the trip through the query string, keeping other parameters', () => {
    const f = filter({ text: 'login', labels: ['bug', 'p1'], members: [BOB], due: 'overdue', mine: true });
    const query = filterToQuery(f, new URLSearchParams('card=abc'));
    expect(query.get('card')).toBe('abc');
    expect(filterFromQuery(query)).toEqual(f);
  });

  test('no filter leaves no trace in the query string', () => {
    expect(filterToQuery(NO_FILTER, new URLSearchParams('q=old&label=x')).toString()).toBe('');
    expect(isFiltering(NO_FILTER)).toBe(false);
  });

  test('an unknown due filter or a blank label in a hand-edited link is ignored', () => {
    expect(filterFromQuery(new URLSearchParams('due=someday&label=&label=bug&mine=yes'))).toEqual(
      filter({ labels: ['bug'] }),
    );
  });
});

describe('which cards a filter shows', () => {
  test('text matches the title or the description, ignoring case', () => {
    const a = cardWith({ title: 'Fix LOGIN' });
    const b = cardWith({ title: 'Other', description: 'the login page' });
    const c = cardWith({ title: 'Unrelated' });
    expect(shown({ text: 'login' }, [a, b, c])).toEqual([a, b]);
  });

  test('several labels show cards with any of them, matching names ignoring case', () => {
    const bug = cardWith({ labels: ['Bug'] });
    const p1 = cardWith({ labels: ['p1'] });
    const none = cardWith({ labels: [] });
    expect(shown({ labels: ['bug', 'p1'] }, [bug, p1, none])).toEqual([bug, p1]);
  });

  test('a member filter shows the cards assigned to that person; “only mine” those assigned to me', () => {
    const alices = cardWith({ assignees: [ALICE] });
    const bobs = cardWith({ assignees: [BOB] });
    expect(shown({ members: [BOB] }, [alices, bobs])).toEqual([bobs]);
    expect(shown({ mine: true }, [alices, bobs])).toEqual([alices]);
    expect([alices].filter((c) => matchesFilter(c, filter({ mine: true }), { ...ctx, me: null }))).toEqual([]);
  });

  test('criteria combine: a card must pass every one', () => {
    const both = cardWith({ labels: ['bug'], assignees: [ALICE] });
    const labelOnly = cardWith({ labels: ['bug'], assignees: [BOB as UserId] });
    expect(shown({ labels: ['bug'], mine: true }, [both, labelOnly])).toEqual([both]);
  });

  test('overdue shows past due cards not yet done; “this week” the next seven days; “none” cards without a date', () => {
    const late = cardWith({ dueAt: '2026-01-14T00:00:00.000Z' });
    const lateButDone = cardWith({ dueAt: '2026-01-14T00:00:00.000Z', dueDone: true });
    const inThreeDays = cardWith({ dueAt: '2026-01-18T00:00:00.000Z' });
    const nextMonth = cardWith({ dueAt: '2026-02-15T00:00:00.000Z' });
    const legacyTomorrow = cardWith({ dueDate: '2026-01-16' });
    const undated = cardWith({});
    const all = [late, lateButDone, inThreeDays, nextMonth, legacyTomorrow, undated];
    expect(shown({ due: 'overdue' }, all)).toEqual([late]);
    expect(shown({ due: 'week' }, all)).toEqual([inThreeDays, legacyTomorrow]);
    expect(shown({ due: 'none' }, all)).toEqual([undated]);
  });

  test('a filtered board keeps every list and counts the cards it shows', () => {
    const before = sampleState();
    const state = { ...before, cards: { ...before.cards, [writeDocs.id]: { ...writeDocs, labels: ['bug'] } } };
    const layout = filterLayout(layoutBoard(state), filter({ labels: ['bug'] }), ctx);
    expect(layout.lists).toHaveLength(2);
    expect(layout.cardsByList.get(shipIt.listId)).toEqual([]);
    expect(shownCount(layout)).toBe(1);
    expect(shownCount(layoutBoard(state))).toBe(3);
  });
});

describe('filtering a large board without redoing work', () => {
  test('an edited card is judged by its new text, though the old one was lowered and remembered', () => {
    const before = cardWith({ title: 'Fix login' });
    expect(shown({ text: 'LOGIN' }, [before])).toEqual([before]);
    const after = { ...before, title: 'Fix signup' };
    expect(shown({ text: 'login' }, [after])).toEqual([]);
    expect(shown({ text: 'Signup' }, [after])).toEqual([after]);
  });

  test('a compiled predicate answers as matchesFilter does for every criterion', () => {
    const cards = [
      cardWith({ title: 'Fix LOGIN', labels: ['Bug'], assignees: [ALICE] }),
      cardWith({ title: 'Docs', description: 'login page', assignees: [BOB as UserId] }),
      cardWith({ title: 'Ship', dueAt: '2026-01-14T00:00:00.000Z' }),
    ];
    const filters = [
      filter({ text: ' login ' }),
      filter({ labels: ['bug'] }),
      filter({ members: [BOB] }),
      filter({ mine: true }),
      filter({ due: 'overdue' }),
      filter({ text: 'login', mine: true }),
    ];
    for (const f of filters) {
      const test = cardPredicate(f, ctx);
      expect(cards.map(test)).toEqual(cards.map((c) => matchesFilter(c, f, ctx)));
    }
  });

  test('a list whose shown cards did not change keeps its array; one whose cards changed gets a new one', () => {
    const state = sampleState();
    const layout = layoutBoard(state);
    const first = filterLayout(layout, filter({ text: 'i' }), ctx);
    const again = filterLayout(layout, filter({ text: 'i ' }), ctx, first);
    for (const [listId, cards] of again.cardsByList) expect(cards).toBe(first.cardsByList.get(listId));
    const narrower = filterLayout(layout, filter({ text: 'login' }), ctx, again);
    const changed = [...narrower.cardsByList].filter(([id, cards]) => cards !== again.cardsByList.get(id));
    expect(changed.length).toBeGreaterThan(0);
    for (const [id, cards] of changed) expect(cards).not.toEqual(again.cardsByList.get(id));
    expect(shownCount(narrower)).toBe(1);
  });

  test('the layout of a view is made once per state and again for a changed state', () => {
    const state = sampleState();
    expect(layoutOf(state)).toBe(layoutOf(state));
    expect(layoutOf(state)).toEqual(layoutBoard(state));
    const changed = { ...state, cards: { ...state.cards, [writeDocs.id]: { ...writeDocs, archived: true } } };
    expect(shownCount(layoutOf(changed))).toBe(shownCount(layoutOf(state)) - 1);
    expect(layoutOf(null)).toEqual({ lists: [], cardsByList: new Map() });
  });
});
