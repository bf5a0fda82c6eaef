import type { Card } from '../../src/domain/board';
import { cardsOfList, orderedLists, type BoardState } from '../../src/domain/board-state';
import { createBoardStore } from '../../web/src/sync/board-store';
import type { BoardOpInput } from '../../web/src/sync/ops';
import { memoryStorage } from '../../web/src/sync/storage';
import { planUndo, pushUndo, type UndoEntry } from '../../web/src/sync/undo';
import { createUndoHistory } from '../../web/src/sync/undo-history';
import { ALICE, BOB, done, fixLogin, list, sampleState, shipIt, todo, writeDocs } from './fixtures';

const inverseOf = (before: BoardState, op: BoardOpInput) => {
  const plan = planUndo(before, op);
  if (plan.type !== 'undoable') throw new Error(`expected an undoable plan, got ${plan.type}`);
  return plan.inverse;
};

describe('planning the undo of a change from the board before it', () => {
  test('a moved card goes back after its previous neighbour in its previous list', () => {
    const op: BoardOpInput = { kind: 'card.move', cardId: writeDocs.id, toListId: done.id };
    expect(inverseOf(sampleState(), op)).toEqual({
      kind: 'card.move',
      cardId: writeDocs.id,
      toListId: todo.id,
      afterCardId: fixLogin.id,
    });
  });

  test('a card that was first in its list goes back before its next neighbour', () => {
    const op: BoardOpInput = { kind: 'card.move', cardId: fixLogin.id, toListId: done.id };
    expect(inverseOf(sampleState(), op)).toEqual({
      kind: 'card.move',
      cardId: fixLogin.id,
      toListId: todo.id,
      beforeCardId: writeDocs.id,
    });
  });

  test('a card that was alone in its list goes back with no neighbour named', () => {
    const op: BoardOpInput = { kind: 'card.move', cardId: shipIt.id, toListId: todo.id };
    expect(inverseOf(sampleState(), op)).toEqual({ kind: 'card.move', cardId: shipIt.id, toListId: done.id });
  });

  test('an edit is undone by the previous values of exactly the fields it changed', () => {
    const before = sampleState();
    const edited = { ...fixLogin, description: 'Steps', labels: ['bug'], dueDate: '2025-02-01' };
    const state = { ...before, cards: { ...before.cards, [fixLogin.id]: edited } };
    const op: BoardOpInput = { kind: 'card.update', cardId: fixLogin.id, title: 'Fix sign-in', dueDate: null };
    expect(inverseOf(state, op)).toEqual({
      kind: 'card.update',
      cardId: fixLogin.id,
      title: 'Fix login',
      dueDate: '2025-02-01',
    });
  });

  test('archiving a card or a list is undone by restoring it, and says which it was', () => {
    const card = planUndo(sampleState(), { kind: 'card.update', cardId: fixLogin.id, archived: true });
    const lst = planUndo(sampleState(), { kind: 'list.update', listId: todo.id, archived: true });
    expect(card).toEqual({
      type: 'undoable',
      label: 'Card archived',
      inverse: { kind: 'card.update', cardId: fixLogin.id, archived: false },
    });
    expect(lst).toMatchObject({
      label: 'List archived',
      inverse: { kind: 'list.update', listId: todo.id, archived: false },
    });
  });

  test('renaming a list or the board is undone by the previous title', () => {
    expect(inverseOf(sampleState(), { kind: 'list.update', listId: done.id, title: 'Shipped' })).toEqual({
      kind: 'list.update',
      listId: done.id,
      title: 'Done',
    });
    expect(inverseOf(sampleState(), { kind: 'board.update', title: 'Relaunch' })).toEqual({
      kind: 'board.update',
      title: 'Launch',
    });
    expect(inverseOf(sampleState(), { kind: 'board.update', archived: true })).toEqual({
      kind: 'board.update',
      archived: false,
    });
  });

  test('a created card is undone by archiving it, so the undo can itself be restored from the archive', () => {
    const id = '00000000-0000-4000-8000-0000000009a1';
    expect(inverseOf(sampleState(), { kind: 'card.create', id, listId: todo.id, title: 'New' })).toEqual({
      kind: 'card.update',
      cardId: id,
      archived: true,
    });
  });

  test('a moved list goes back between its previous neighbours', () => {
    const backlog = list(3, 'Backlog', 'a2');
    const before = { ...sampleState(), lists: { ...sampleState().lists, [backlog.id]: backlog } };
    expect(inverseOf(before, { kind: 'list.move', listId: done.id, afterListId: backlog.id })).toEqual({
      kind: 'list.move',
      listId: done.id,
      afterListId: todo.id,
    });
    expect(inverseOf(before, { kind: 'list.move', listId: todo.id, afterListId: backlog.id })).toEqual({
      kind: 'list.move',
      listId: todo.id,
      beforeListId: done.id,
    });
  });

  test('deletes are final, comments say nothing, and a change to something unknown offers no undo', () => {
    expect(planUndo(sampleState(), { kind: 'card.delete', cardId: fixLogin.id })).toEqual({
      type: 'final',
      label: 'Card deleted',
    });
    expect(planUndo(sampleState(), { kind: 'list.delete', listId: todo.id }).type).toBe('final');
    expect(planUndo(sampleState(), { kind: 'comment.create', cardId: fixLogin.id, body: 'Hi' }).type).toBe('none');
    const ghost = '00000000-0000-4000-8000-0000000009ff';
    expect(planUndo(sampleState(), { kind: 'card.move', cardId: ghost, toListId: done.id }).type).toBe('none');
  });

  test('the stack keeps the latest twenty changes', () => {
    const entry = (n: number): UndoEntry => ({
      mid: `m${n}`,
      label: 'Card moved',
      inverse: { kind: 'board.update', title: `T${n}` },
    });
    let stack: readonly UndoEntry[] = [];
    for (let n = 1; n <= 25; n++) stack = pushUndo(stack, entry(n));
    expect(stack.map((e) => e.mid)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 6}`));
  });
});

describe('the undo history of one board in this tab', () => {
  const setup = () => {
    const store = createBoardStore({
      boardId: sampleState().board.id,
      editor: { actor: ALICE, clientId: 'c' },
      storage: memoryStorage(),
    });
    store.getState().loadSnapshot(sampleState());
    const history = createUndoHistory(store);
    const titles = (listId: string) => cardsOfList(store.getState().view!, listId).map((c) => c.title);
    return { store, history, titles };
  };

  test('a move then undo puts the card back where it was, through the same queue as any change', () => {
    const { store, history, titles } = setup();
    store.getState().mutate({ kind: 'card.move', cardId: fixLogin.id, toListId: done.id, afterCardId: shipIt.id });
    expect(titles(done.id)).toEqual(['Ship it', 'Fix login']);
    expect(history.state.getState().notice).toMatchObject({ text: 'Card moved', canUndo: true });

    history.undo();

    expect(titles(todo.id)).toEqual(['Fix login', 'Write docs']);
    expect(store.getState().pending.map((m) => m.op.kind)).toEqual(['card.move', 'card.move']);
    expect(history.state.getState().entries).toEqual([]);
    expect(history.state.getState().notice?.text).toBe('Undone: card moved');
  });

  test('undo takes back the latest change first, and the compensation itself is not put on the stack', () => {
    const { store, history } = setup();
    store.getState().mutate({ kind: 'list.update', listId: todo.id, title: 'Next' });
    store.getState().mutate({ kind: 'list.update', listId: todo.id, title: 'Now' });
    history.undo();
    expect(store.getState().view!.lists[todo.id]!.title).toBe('Next');
    history.undo();
    expect(store.getState().view!.lists[todo.id]!.title).toBe('To Do');
    history.undo();
    expect(history.state.getState().notice?.text).toBe('Nothing to undo');
    expect(orderedLists(store.getState().view!).map((l) => l.title)).toEqual(['To Do', 'Done']);
  });

  test('a delete is announced as done, with no undo offered', () => {
    const { store, history } = setup();
    store.getState().mutate({ kind: 'card.delete', cardId: shipIt.id });
    expect(history.state.getState().notice).toMatchObject({ text: 'Card deleted', canUndo: false });
    expect(history.state.getState().entries).toEqual([]);
  });

  test('an undo the server refuses is reported as a failed undo, not as a failed change', () => {
    const { store, history } = setup();
    store.getState().mutate({ kind: 'card.update', cardId: fixLogin.id, archived: true });
    history.undo();
    const compensation = store.getState().pending.at(-1)!;
    store.getState().nack(compensation.mid, { code: 'not_found', message: 'Card not found' });

    expect(history.state.getState().notice).toMatchObject({
      text: "Couldn't undo (card archived): Card not found",
      tone: 'error',
    });
    expect(store.getState().notice).toBeNull();
  });

  test('an undo that can no longer apply (someone deleted the card) is refused at once and queues nothing', () => {
    const { store, history } = setup();
    store.getState().mutate({ kind: 'card.update', cardId: writeDocs.id, title: 'Docs' });
    const before = store.getState().pending.length;
    store.getState().receive([
      {
        kind: 'card.deleted',
        data: { cardId: writeDocs.id, title: 'Docs', listId: todo.id },
        teamId: sampleState().board.teamId,
        boardId: sampleState().board.id,
        seq: 11,
        actor: ALICE,
        origin: null,
        at: '2025-01-15T10:00:00.000Z',
      },
    ]);
    history.undo();
    expect(history.state.getState().notice).toMatchObject({ text: "Couldn't undo (card updated): Card not found" });
    expect(store.getState().pending.length).toBe(before);
  });

  test('a change the server refused leaves the stack, since it was rolled back already', () => {
    const { store, history } = setup();
    store.getState().mutate({ kind: 'list.update', listId: done.id, title: 'Shipped' });
    store.getState().nack(store.getState().pending[0]!.mid, { code: 'conflict', message: 'No' });
    expect(history.state.getState().entries).toEqual([]);
  });

  test('a closed history records nothing more', () => {
    const { store, history } = setup();
    history.stop();
    store.getState().mutate({ kind: 'list.update', listId: done.id, title: 'Shipped' });
    expect(history.state.getState().entries).toEqual([]);
  });
});

describe('undoing changes to labels, members, dates and checklists', () => {
  const BUG = sampleState().board.labels[0]!;
  const LIST = '00000000-0000-4000-8000-00000000c001';
  const ITEM = (n: number) => `00000000-0000-4000-8000-00000000c10${n}`;
  const item = (n: number, done = false) => ({ id: ITEM(n), title: `Step ${n}`, done, rank: `a${n}` });
  /** Fix login carries the bug label, Bob, and a checklist of three steps, the first done. */
  const richState = (): BoardState => {
    const s = sampleState();
    const rich = {
      ...fixLogin,
      labels: ['bug', 'legacy'],
      assignees: [BOB],
      checklists: [{ id: LIST, title: 'Steps', items: [item(1, true), item(2), item(3)] }],
    };
    return { ...s, cards: { ...s.cards, [fixLogin.id]: rich as unknown as Card } };
  };
  const ids = { cardId: fixLogin.id, checklistId: LIST };

  test('adding a label is undone by removing it, and removing one by adding it back', () => {
    expect(planUndo(sampleState(), { kind: 'card.label.add', cardId: fixLogin.id, labelId: BUG.id })).toEqual({
      type: 'undoable',
      label: 'Label added',
      inverse: { kind: 'card.label.remove', cardId: fixLogin.id, label: 'bug' },
    });
    expect(inverseOf(richState(), { kind: 'card.label.remove', cardId: fixLogin.id, label: 'BUG' })).toEqual({
      kind: 'card.label.add',
      cardId: fixLogin.id,
      labelId: BUG.id,
    });
  });

  test('a label change that changed nothing, or a free-text label outside the set, offers no undo', () => {
    expect(planUndo(richState(), { kind: 'card.label.add', cardId: fixLogin.id, labelId: BUG.id }).type).toBe('none');
    expect(planUndo(richState(), { kind: 'card.label.remove', cardId: fixLogin.id, label: 'legacy' }).type).toBe(
      'none',
    );
  });

  test('assigning a member is undone by unassigning them, and the other way round', () => {
    expect(inverseOf(sampleState(), { kind: 'card.member.add', cardId: fixLogin.id, userId: ALICE })).toEqual({
      kind: 'card.member.remove',
      cardId: fixLogin.id,
      userId: ALICE,
    });
    expect(inverseOf(richState(), { kind: 'card.member.remove', cardId: fixLogin.id, userId: BOB })).toEqual({
      kind: 'card.member.add',
      cardId: fixLogin.id,
      userId: BOB,
    });
    expect(planUndo(richState(), { kind: 'card.member.add', cardId: fixLogin.id, userId: BOB }).type).toBe('none');
  });

  test('ticking an item is undone by unticking it; a rename by the old text', () => {
    expect(planUndo(richState(), { kind: 'checklist.item.update', ...ids, itemId: ITEM(2), done: true })).toEqual({
      type: 'undoable',
      label: 'Item checked',
      inverse: { kind: 'checklist.item.update', ...ids, itemId: ITEM(2), done: false },
    });
    expect(
      inverseOf(richState(), { kind: 'checklist.item.update', ...ids, itemId: ITEM(1), title: 'Renamed' }),
    ).toEqual({ kind: 'checklist.item.update', ...ids, itemId: ITEM(1), title: 'Step 1' });
  });

  test('a moved item goes back after its previous neighbour; a renamed checklist gets its old title', () => {
    expect(
      inverseOf(richState(), { kind: 'checklist.item.move', ...ids, itemId: ITEM(2), afterItemId: ITEM(3) }),
    ).toEqual({ kind: 'checklist.item.move', ...ids, itemId: ITEM(2), afterItemId: ITEM(1) });
    expect(
      inverseOf(richState(), { kind: 'checklist.item.move', ...ids, itemId: ITEM(1), afterItemId: ITEM(3) }),
    ).toEqual({ kind: 'checklist.item.move', ...ids, itemId: ITEM(1), beforeItemId: ITEM(2) });
    expect(inverseOf(richState(), { kind: 'checklist.update', ...ids, title: 'Plan' })).toEqual({
      kind: 'checklist.update',
      ...ids,
      title: 'Steps',
    });
  });

  test('a label’s new colour is undone by its old one; deleting a label or a checklist is final', () => {
    expect(inverseOf(sampleState(), { kind: 'label.update', labelId: BUG.id, color: 'blue' })).toEqual({
      kind: 'label.update',
      labelId: BUG.id,
      color: 'red',
    });
    expect(planUndo(sampleState(), { kind: 'label.delete', labelId: BUG.id }).type).toBe('final');
    expect(planUndo(richState(), { kind: 'checklist.delete', ...ids }).type).toBe('final');
  });

  test('setting a due time (clearing the all-day date) is undone by the previous dates and done flag', () => {
    const s = sampleState();
    const dated = { ...s, cards: { ...s.cards, [fixLogin.id]: { ...fixLogin, dueDate: '2026-01-20' } } };
    const op: BoardOpInput = {
      kind: 'card.update',
      cardId: fixLogin.id,
      dueAt: '2026-01-21T09:00:00.000Z',
      dueDate: null,
      dueDone: true,
    };
    expect(inverseOf(dated, op)).toEqual({
      kind: 'card.update',
      cardId: fixLogin.id,
      dueAt: null,
      dueDate: '2026-01-20',
      dueDone: false,
    });
  });

  test('checking an item then undoing leaves it unchecked on the board', () => {
    const store = createBoardStore({
      boardId: sampleState().board.id,
      editor: { actor: ALICE, clientId: 'c' },
      storage: memoryStorage(),
    });
    store.getState().loadSnapshot(richState());
    const history = createUndoHistory(store);
    const step2 = () => store.getState().view!.cards[fixLogin.id]!.checklists[0]!.items[1]!;

    store.getState().mutate({ kind: 'checklist.item.update', ...ids, itemId: ITEM(2), done: true });
    expect(step2().done).toBe(true);
    history.undo();

    expect(step2().done).toBe(false);
    expect(history.state.getState().notice?.text).toBe('Undone: item checked');
  });
});
