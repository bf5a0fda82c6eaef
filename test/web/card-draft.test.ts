import type { Card } from '../../src/domain/board';
import { changesOf, conflictsOf, edit, follow, keepMine, openDraft, takeTheirs } from '../../web/src/board/card-draft';
import { fixLogin } from './fixtures';

const withFields = (changes: Partial<Card>): Card => ({ ...fixLogin, ...changes });

describe('the card draft merges the person’s edits with live changes field by field', () => {
  test('an unchanged draft has nothing to save', () => {
    expect(changesOf(openDraft(fixLogin))).toBeNull();
  });

  test('saving sends only the fields the person changed', () => {
    const draft = edit(openDraft(fixLogin), 'title', 'Fix sign-in');
    expect(changesOf(draft)).toEqual({ title: 'Fix sign-in' });
  });

  test('someone else’s description and labels are not sent back when the person changes only the title', () => {
    let draft = openDraft(fixLogin);
    draft = follow(draft, withFields({ description: 'Steps to reproduce', labels: ['bug'] }));
    draft = edit(draft, 'title', 'Fix sign-in');

    expect(changesOf(draft)).toEqual({ title: 'Fix sign-in' });
    expect(draft.description.value).toBe('Steps to reproduce');
    expect(draft.labels.value).toBe('bug');
  });

  test('a field the person is editing that someone else changes becomes a conflict, untouched fields follow', () => {
    let draft = edit(openDraft(fixLogin), 'description', 'Mine');
    draft = follow(draft, withFields({ description: 'Theirs', title: 'Renamed by Bob' }));

    expect(conflictsOf(draft)).toEqual(['description']);
    expect(draft.description).toEqual({ base: '', value: 'Mine', theirs: 'Theirs' });
    expect(draft.title.value).toBe('Renamed by Bob');
    expect(changesOf(draft)).toEqual({ description: 'Mine' });
  });

  test('keeping yours resolves the conflict and saves your value over theirs', () => {
    const draft = keepMine(
      follow(edit(openDraft(fixLogin), 'description', 'Mine'), withFields({ description: 'Theirs' })),
      'description',
    );
    expect(conflictsOf(draft)).toEqual([]);
    expect(changesOf(draft)).toEqual({ description: 'Mine' });
  });

  test('taking theirs resolves the conflict and drops your edit of that field', () => {
    const draft = takeTheirs(
      follow(edit(openDraft(fixLogin), 'description', 'Mine'), withFields({ description: 'Theirs' })),
      'description',
    );
    expect(conflictsOf(draft)).toEqual([]);
    expect(draft.description.value).toBe('Theirs');
    expect(changesOf(draft)).toBeNull();
  });

  test('the same change made by both is no conflict', () => {
    const draft = follow(edit(openDraft(fixLogin), 'labels', 'bug, urgent'), withFields({ labels: ['bug', 'urgent'] }));
    expect(conflictsOf(draft)).toEqual([]);
    expect(changesOf(draft)).toBeNull();
  });

  test('a conflict goes away when the other change is undone', () => {
    let draft = follow(edit(openDraft(fixLogin), 'title', 'Mine'), withFields({ title: 'Theirs' }));
    draft = follow(draft, fixLogin);
    expect(conflictsOf(draft)).toEqual([]);
    expect(changesOf(draft)).toEqual({ title: 'Mine' });
  });

  test('labels compare as lists and a blank title is not a change', () => {
    let draft = edit(openDraft(withFields({ labels: ['a', 'b'] })), 'labels', ' a ,b, a');
    draft = edit(draft, 'title', '   ');
    expect(changesOf(draft)).toBeNull();
  });

  test('a cleared due date is sent as null', () => {
    const draft = edit(openDraft(withFields({ dueDate: '2025-03-01' })), 'dueDate', '');
    expect(changesOf(draft)).toEqual({ dueDate: null });
  });

  test('a live change that moves nothing keeps the same draft', () => {
    const draft = openDraft(fixLogin);
    expect(follow(draft, withFields({ commentCount: 3 }))).toBe(draft);
  });
});
