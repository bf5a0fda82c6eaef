/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { Card } from '../../src/domain/board';
import { CardModelContext, type CardModelEnv } from '../../web/src/board/card-model/context';
import { ChecklistsSection } from '../../web/src/board/card-model/ChecklistsSection';
import { LabelsSection } from '../../web/src/board/card-model/LabelsSection';
import type { BoardOpInput } from '../../web/src/sync/ops';
import { ALICE, board, fixLogin } from './fixtures';

const BUG = board.labels[0]!;
const env: CardModelEnv = {
  labels: [BUG, { id: '00000000-0000-4000-8000-000000001a02' as typeof BUG.id, name: 'Design', color: 'blue' }],
  people: [{ id: ALICE, name: 'Alice Smith' }],
  me: ALICE,
  zone: 'UTC',
  now: Date.parse('2026-01-15T12:00:00.000Z'),
};

const renderWith = (ui: (card: Card, mutate: (op: BoardOpInput) => string) => ReactElement, card: Card) => {
  const mutate = jest.fn<string, [BoardOpInput]>(() => 'mid');
  render(<CardModelContext.Provider value={env}>{ui(card, mutate)}</CardModelContext.Provider>);
  return mutate;
};

describe('the labels picker of the card dialog', () => {
  const open = (card: Card = { ...fixLogin, labels: ['bug', 'old-tag'] }) =>
    renderWith((c, m) => <LabelsSection card={c} canWrite mutate={m} />, card);

  test('shows each board label as a toggle button pressed when the card has it', () => {
    open();
    expect(screen.getByRole('button', { name: 'bug' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: 'Design' }).getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByText('(not in the board’s labels)')).toBeTruthy();
  });

  test('toggling adds a label by id and removes one by name', () => {
    const mutate = open();
    fireEvent.click(screen.getByRole('button', { name: 'Design' }));
    fireEvent.click(screen.getByRole('button', { name: 'bug' }));
    expect(mutate.mock.calls.map(([op]) => op)).toEqual([
      { kind: 'card.label.add', cardId: fixLogin.id, labelId: env.labels[1]!.id },
      { kind: 'card.label.remove', cardId: fixLogin.id, label: 'bug' },
    ]);
  });

  test('a label created from the card, in a chosen colour, is put on the card', () => {
    const mutate = open();
    fireEvent.click(screen.getByRole('button', { name: 'Create label' }));
    fireEvent.change(screen.getByLabelText('Label name'), { target: { value: 'Urgent' } });
    fireEvent.click(screen.getByRole('radio', { name: /pink/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Create label' }));
    const [create, add] = mutate.mock.calls.map(([op]) => op);
    expect(create).toMatchObject({ kind: 'label.create', name: 'Urgent', color: 'pink' });
    expect(add).toEqual({ kind: 'card.label.add', cardId: fixLogin.id, labelId: (create as { id: string }).id });
  });

  test('a name the board already uses, in any case, cannot be created twice', () => {
    const mutate = open();
    fireEvent.click(screen.getByRole('button', { name: 'Create label' }));
    fireEvent.change(screen.getByLabelText('Label name'), { target: { value: 'DESIGN' } });
    expect(screen.getByText('This board already has a label with that name.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create label' }));
    expect(mutate).not.toHaveBeenCalled();
  });

  test('deleting a label asks first, then deletes it', () => {
    const mutate = open();
    fireEvent.click(screen.getByRole('button', { name: 'Edit label Design' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete label…' }));
    expect(mutate).not.toHaveBeenCalled();
    fireEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Delete label' }));
    expect(mutate).toHaveBeenCalledWith({ kind: 'label.delete', labelId: env.labels[1]!.id });
  });

  test('a viewer sees the chips and nothing to press', () => {
    renderWith((c, m) => <LabelsSection card={c} canWrite={false} mutate={m} />, { ...fixLogin, labels: ['bug'] });
    expect(screen.getByText('bug').getAttribute('data-color')).toBe('red');
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});

describe('the checklists of the card dialog', () => {
  const LIST = '00000000-0000-4000-8000-00000000c001';
  const item = (n: number, done: boolean) => ({
    id: `00000000-0000-4000-8000-00000000c10${n}`,
    title: `Step ${n}`,
    done,
    rank: `a${n}`,
  });
  const card: Card = {
    ...fixLogin,
    checklists: [{ id: LIST, title: 'Steps', items: [item(1, true), item(2, false), item(3, false)] }],
  } as unknown as Card;
  const open = () => renderWith((c, m) => <ChecklistsSection card={c} canWrite mutate={m} />, card);
  const ids = { cardId: fixLogin.id, checklistId: LIST };

  test('shows progress in words and ticks an item', () => {
    const mutate = open();
    expect(screen.getByText('1/3 done')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Step 2' }));
    expect(mutate).toHaveBeenCalledWith({
      kind: 'checklist.item.update',
      ...ids,
      itemId: item(2, false).id,
      done: true,
    });
  });

  test('converting an item makes a card of it below this card, then takes it off the checklist', () => {
    const mutate = open();
    fireEvent.click(screen.getByRole('button', { name: 'Convert “Step 2” to a card' }));
    expect(mutate.mock.calls.map(([op]) => op)).toEqual([
      {
        kind: 'card.create',
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        listId: fixLogin.listId,
        title: 'Step 2',
        afterCardId: fixLogin.id,
      },
      { kind: 'checklist.item.delete', ...ids, itemId: item(2, false).id },
    ]);
  });

  test('moves an item up before its neighbour, and the first item cannot move up', () => {
    const mutate = open();
    expect((screen.getByRole('button', { name: 'Move “Step 1” up' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Move “Step 3” up' }));
    expect(mutate).toHaveBeenCalledWith({
      kind: 'checklist.item.move',
      ...ids,
      itemId: item(3, false).id,
      beforeItemId: item(2, false).id,
    });
  });

  test('a new item goes after the last one, with an id chosen here so it works offline', () => {
    const mutate = open();
    fireEvent.change(screen.getByLabelText('Add an item to Steps'), { target: { value: 'Step 4' } });
    fireEvent.submit(screen.getByLabelText('Add an item to Steps').closest('form')!);
    expect(mutate.mock.calls[0]![0]).toMatchObject({
      kind: 'checklist.item.create',
      ...ids,
      title: 'Step 4',
      afterItemId: item(3, false).id,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  test('an item is renamed in place', () => {
    const mutate = open();
    fireEvent.click(screen.getByRole('button', { name: 'Item: Step 2 (edit)' }));
    const field = screen.getByRole('textbox', { name: 'Item' });
    fireEvent.change(field, { target: { value: 'Step two' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(mutate).toHaveBeenCalledWith({
      kind: 'checklist.item.update',
      ...ids,
      itemId: item(2, false).id,
      title: 'Step two',
    });
  });
});
