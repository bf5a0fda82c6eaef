import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { BoardEngine } from '../../../src/application/engine/board-engine';
import { toSnapshot } from '../../../src/application/engine/shared-snapshot';
import type { Application } from '../../../src/application/api';
import { makeApplication } from '../../../src/application/make-application';
import { BOARD_OP_CODECS, BoardOp, type BoardOpInput, type BoardOpKind, tenantMoved } from '../../../src/domain';
import { newId } from '../../contract/fixtures';
import { ok, quickApp, teamWithBoard, title, type TeamWorld } from './fixtures';

const decoded = (input: BoardOpInput): BoardOp => {
  const op = BoardOp.decode(input);
  if (E.isLeft(op)) throw new Error(`bad op in test: ${JSON.stringify(input)}`);
  return op.right;
};

/** The board as the store holds it, read past every cache: what a fresh snapshot must show. */
const fresh = async (app: ReturnType<typeof quickApp>, w: TeamWorld) =>
  toSnapshot(await ok(app.deps.boards.snapshot(w.teamId, w.boardId)));

/** Reads the shared snapshot and checks it against a fresh one and its own text. */
const expectCurrent = async (built: ReturnType<typeof quickApp>, app: Application, w: TeamWorld) => {
  const shared = await ok(app.boards.getShared(w.owner, w.teamId, w.boardId));
  const truth = await fresh(built, w);
  expect(shared.snapshot.seq).toBe(truth.seq);
  expect(JSON.parse(shared.json)).toEqual(JSON.parse(JSON.stringify(truth)));
  expect(shared.json).toBe(JSON.stringify(shared.snapshot));
  return shared;
};

/** One op of every kind, in an order where each finds what it needs. */
const everyKindOfOp = (owner: string): ((ids: Ids) => BoardOpInput)[] => [
  () => ({ kind: 'board.update', title: 'Roadmap 2027' }),
  (i) => ({ kind: 'list.create', id: i.list, title: 'To do' }),
  (i) => ({ kind: 'list.create', id: i.list2, title: 'Done', afterListId: i.list }),
  (i) => ({ kind: 'list.update', listId: i.list2, title: 'Shipped' }),
  (i) => ({ kind: 'list.move', listId: i.list, afterListId: i.list2 }),
  (i) => ({ kind: 'card.create', id: i.card, listId: i.list, title: 'Fix login', labels: ['bug'] }),
  (i) => ({ kind: 'card.create', id: i.card2, listId: i.list, title: 'Write docs', afterCardId: i.card }),
  (i) => ({ kind: 'card.update', cardId: i.card, description: 'Soon', dueAt: '2027-01-01T10:00:00.000Z' }),
  (i) => ({ kind: 'card.move', cardId: i.card, toListId: i.list2 }),
  (i) => ({ kind: 'comment.create', id: i.comment, cardId: i.card, body: 'On it' }),
  (i) => ({ kind: 'comment.update', cardId: i.card, commentId: i.comment, body: 'Done soon' }),
  (i) => ({ kind: 'comment.delete', cardId: i.card, commentId: i.comment }),
  (i) => ({ kind: 'label.create', id: i.label, name: 'urgent' }),
  (i) => ({ kind: 'label.update', labelId: i.label, name: 'later' }),
  (i) => ({ kind: 'card.label.add', cardId: i.card, labelId: i.label }),
  (i) => ({ kind: 'card.label.remove', cardId: i.card, label: 'bug' }),
  (i) => ({ kind: 'label.delete', labelId: i.label }),
  (i) => ({ kind: 'card.member.add', cardId: i.card, userId: owner }),
  (i) => ({ kind: 'card.member.remove', cardId: i.card, userId: owner }),
  (i) => ({ kind: 'checklist.create', id: i.checklist, cardId: i.card, title: 'Steps' }),
  (i) => ({ kind: 'checklist.update', cardId: i.card, checklistId: i.checklist, title: 'Plan' }),
  (i) => ({ kind: 'checklist.item.create', id: i.item, cardId: i.card, checklistId: i.checklist, title: 'a' }),
  (i) => ({ kind: 'checklist.item.create', id: i.item2, cardId: i.card, checklistId: i.checklist, title: 'b' }),
  (i) => ({ kind: 'checklist.item.update', cardId: i.card, checklistId: i.checklist, itemId: i.item, done: true }),
  (i) => ({
    kind: 'checklist.item.move',
    cardId: i.card,
    checklistId: i.checklist,
    itemId: i.item,
    afterItemId: i.item2,
  }),
  (i) => ({ kind: 'checklist.item.delete', cardId: i.card, checklistId: i.checklist, itemId: i.item2 }),
  (i) => ({ kind: 'checklist.delete', cardId: i.card, checklistId: i.checklist }),
  (i) => ({ kind: 'card.update', cardId: i.card2, archived: true }),
  (i) => ({ kind: 'card.delete', cardId: i.card2 }),
  (i) => ({ kind: 'list.update', listId: i.list, archived: true }),
  (i) => ({ kind: 'list.delete', listId: i.list }),
];

const idNames = ['list', 'list2', 'card', 'card2', 'comment', 'label', 'checklist', 'item', 'item2'] as const;
type Ids = Record<(typeof idNames)[number], string>;

const setUp = async () => {
  const built = quickApp();
  const w = await teamWithBoard(built.app);
  const ids = Object.fromEntries(idNames.map((n) => [n, newId()])) as unknown as Ids;
  return { built, w, ids, at: { teamId: w.teamId, boardId: w.boardId } };
};

describe("the engine's shared snapshot (serialised once per seq)", () => {
  it('equals a fresh snapshot after every kind of op, and is reused until the next one', async () => {
    const { built, w, ids, at } = await setUp();
    const ops = everyKindOfOp(w.owner.userId);
    const kinds = new Set<BoardOpKind>();
    let before = await expectCurrent(built, built.app, w);
    for (const make of ops) {
      const op = decoded(make(ids));
      kinds.add(op.kind);
      await ok(built.app.boards.apply(w.owner, at, op, null));
      const after = await expectCurrent(built, built.app, w);
      expect(after).not.toBe(before);
      expect(after.snapshot.seq).toBe(before.snapshot.seq + 1);
      expect(await ok(built.app.boards.getShared(w.owner, w.teamId, w.boardId))).toBe(after);
      before = after;
    }
    // A new kind of op must join this table.
    expect([...kinds].sort()).toEqual(Object.keys(BOARD_OP_CODECS).sort());
  });

  it('is never served stale: writes by another instance, bus events, a tenant move and a failed commit', async () => {
    const { built, w, ids, at } = await setUp();
    const other = makeApplication({ ...built.deps, engine: new BoardEngine(built.deps.boards) });
    const app = built.app;
    const engine = built.deps.engine;
    const apply = (a: Application, input: BoardOpInput) => ok(a.boards.apply(w.owner, at, decoded(input), null));
    await apply(app, { kind: 'list.create', id: ids.list, title: 'To do' });
    const first = await expectCurrent(built, app, w);

    // Another instance wrote: the read catches up from the log and serialises the new state.
    const created = await apply(other, { kind: 'card.create', listId: ids.list, title: 'From B' });
    const caught = await expectCurrent(built, app, w);
    expect(caught.snapshot.seq).toBe(first.snapshot.seq + 1);

    // A bus event taken by an idle copy replaces the state: the shared snapshot goes with it.
    engine.observe(
      (await apply(other, { kind: 'card.update', cardId: created.value.id, title: 'Renamed on B' })).event,
    );
    expect(engine.held().snapshots).toBe(0);
    expect((await expectCurrent(built, app, w)).snapshot.cards[0]!.title).toBe('Renamed on B');

    // The team moved: the board is read again, and so is its snapshot.
    const beforeMove = await ok(app.boards.getShared(w.owner, w.teamId, w.boardId));
    engine.forgetTeam(w.teamId);
    expect(engine.held()).toMatchObject({ boards: 0, snapshots: 0 });
    const afterMove = await expectCurrent(built, app, w);
    expect(afterMove).not.toBe(beforeMove);
    expect(afterMove.json).toBe(beforeMove.json);
  });

  it('a commit refused by the fence (or lost) drops the state, and the next read serialises the reloaded board', async () => {
    const { built, w, ids } = await setUp();
    const store = built.deps.boards;
    let refuse = false;
    const engine = new BoardEngine({
      snapshot: (t, b) => store.snapshot(t, b),
      eventsAfter: (t, b, seq, limit) => store.eventsAfter(t, b, seq, limit),
      commitLocked: (...args) => store.commitLocked(...args),
      replayOf: (...args) => store.replayOf(...args),
      commit: (batch) => (refuse ? TE.left(tenantMoved()) : store.commit(batch)),
    });
    const app = makeApplication({ ...built.deps, engine });
    const at = { teamId: w.teamId, boardId: w.boardId };
    await ok(app.boards.apply(w.owner, at, decoded({ kind: 'list.create', id: ids.list, title: 'To do' }), null));
    const held = await expectCurrent(built, app, w);
    expect(engine.held().snapshots).toBe(1);

    refuse = true;
    const refused = await app.boards.apply(w.owner, at, decoded({ kind: 'list.create', title: 'Lost' }), null)();
    expect(E.isLeft(refused)).toBe(true);
    expect(engine.held().snapshots).toBe(0);
    // Meanwhile the store moved on without this engine (as another instance on the new shard would).
    await ok(built.app.boards.apply(w.owner, at, decoded({ kind: 'list.create', title: 'Elsewhere' }), null));
    refuse = false;
    const reloaded = await expectCurrent(built, app, w);
    expect(reloaded).not.toBe(held);
    expect(reloaded.snapshot.lists.map((l) => l.title)).toEqual(['To do', 'Elsewhere']);
  });

  it('keeps the text of the held snapshots within its budget, least recently read dropped first', async () => {
    const built = quickApp();
    const w = await teamWithBoard(built.app);
    const engine = new BoardEngine(built.deps.boards, { budgetItems: 1000, maxBatch: 16, budgetSnapshotChars: 700 });
    const app = makeApplication({ ...built.deps, engine });
    const boards = [w.boardId];
    for (let i = 0; i < 3; i++) {
      const b = await ok(app.boards.create(w.owner, w.teamId, { title: title(`B${i}`) }, null));
      boards.push(b.value.id);
    }
    const shared = [];
    for (const boardId of boards) {
      const at = { teamId: w.teamId, boardId };
      await ok(app.boards.apply(w.owner, at, decoded({ kind: 'list.create', title: 'A list of things' }), null));
      shared.push(await ok(app.boards.getShared(w.owner, w.teamId, boardId)));
    }
    const { snapshots, snapshotChars } = engine.held();
    expect(snapshotChars).toBeLessThanOrEqual(700);
    expect(snapshots).toBeLessThan(boards.length);
    expect(snapshotChars).toBe(shared.slice(-snapshots).reduce((n, s) => n + s.json.length, 0));
    // The last one read is still shared; the first was dropped and is made again.
    expect(await ok(app.boards.getShared(w.owner, w.teamId, boards[3]!))).toBe(shared[3]);
    const again = await ok(app.boards.getShared(w.owner, w.teamId, boards[0]!));
    expect(again).not.toBe(shared[0]);
    expect(again.json).toBe(shared[0]!.json);
  });
});
