import { closingWorldsAfterEach, mutateFrame, world } from './realtime-fixture';

const track = closingWorldsAfterEach();

const CARD = '0190a4b2-0000-7000-8000-0000000000c1';
const MISSING_LIST = '0190a4b2-0000-7000-8000-0000000000f1';

describe('mutations over the socket', () => {
  it('a mutation is acked with the seq of its event, and subscribers get the event with its origin', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 2 });
    await client.send(
      mutateFrame(w, 'm1', { kind: 'card.create', id: CARD, listId: w.listId, title: 'From the socket' }),
    );
    expect(client.ofType('ack')).toEqual([{ type: 'ack', mid: 'm1', boardId: w.boardId, seq: 3 }]);
    expect(client.ofType('event')).toEqual([
      expect.objectContaining({ seq: 3, kind: 'card.created', origin: { clientId: 'tab-1', mid: 'm1' } }),
    ]);
  });

  it('every op kind reaches its use case', async () => {
    const w = await track(world());
    const client = await w.connect();
    const LIST = '0190a4b2-0000-7000-8000-0000000000a2';
    const ops = [
      { kind: 'list.create', id: LIST, title: 'Doing' },
      { kind: 'list.update', listId: LIST, title: 'In progress' },
      { kind: 'list.move', listId: LIST, beforeListId: w.listId },
      { kind: 'card.create', id: CARD, listId: w.listId, title: 'Card', labels: ['bug'], dueDate: '2025-02-01' },
      { kind: 'card.update', cardId: CARD, description: 'Details' },
      { kind: 'card.move', cardId: CARD, toListId: LIST },
      { kind: 'comment.create', cardId: CARD, body: 'Looks good' },
      { kind: 'card.delete', cardId: CARD },
      { kind: 'list.delete', listId: LIST },
      { kind: 'board.update', title: 'Roadmap 2026' },
    ];
    for (const [i, op] of ops.entries()) await client.send(mutateFrame(w, `m${i}`, op));
    expect(client.ofType('nack')).toEqual([]);
    expect(client.ofType('ack').map((a) => a.seq)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const log = await w.memory.deps.boards.eventsAfter(w.teamId, w.boardId, 2, 100)();
    expect(log._tag === 'Right' && log.right.map((e) => e.kind)).toEqual([
      'list.created',
      'list.updated',
      'list.moved',
      'card.created',
      'card.updated',
      'card.moved',
      'comment.created',
      'card.deleted',
      'list.deleted',
      'board.updated',
    ]);
  });

  it('a resent mutation id is answered with the original ack and produces no second event', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 2 });
    const frame = mutateFrame(w, 'm1', { kind: 'card.create', id: CARD, listId: w.listId, title: 'Once' });
    await client.send(frame);
    await client.send(frame);
    expect(client.ofType('ack')).toEqual([
      { type: 'ack', mid: 'm1', boardId: w.boardId, seq: 3 },
      { type: 'ack', mid: 'm1', boardId: w.boardId, seq: 3 },
    ]);
    expect(client.eventSeqs(w.boardId)).toEqual([3]);
    expect(await w.app.boards.get(w.owner.actor, w.teamId, w.boardId)()).toMatchObject({ right: { seq: 3 } });
  });

  it('a mutation resent on a new socket after the first dropped is applied once', async () => {
    const w = await track(world());
    const first = await w.connect();
    const frame = mutateFrame(w, 'm-drop', { kind: 'card.create', id: CARD, listId: w.listId, title: 'Once' });
    first.pair.send(frame);
    // The socket drops before the client reads the ack.
    first.pair.clientClose(1006);
    await first.settle();
    expect(await w.app.boards.get(w.owner.actor, w.teamId, w.boardId)()).toMatchObject({ right: { seq: 3 } });
    const second = await w.connect();
    await second.send(frame);
    expect(second.ofType('ack')).toEqual([{ type: 'ack', mid: 'm-drop', boardId: w.boardId, seq: 3 }]);
    expect(await w.app.boards.get(w.owner.actor, w.teamId, w.boardId)()).toMatchObject({
      right: { seq: 3, cards: [expect.anything()] },
    });
  });

  it("a viewer's mutation is nacked as forbidden and nothing changes", async () => {
    const w = await track(world());
    const viewer = await w.join('Victor', 'viewer');
    const client = await w.connect(viewer);
    await client.send(mutateFrame(w, 'v1', { kind: 'card.create', listId: w.listId, title: 'Nope' }));
    expect(client.ofType('nack')).toEqual([
      {
        type: 'nack',
        mid: 'v1',
        boardId: w.boardId,
        error: expect.objectContaining({ code: 'insufficient_role', retryable: false }),
      },
    ]);
    expect(await w.app.boards.get(w.owner.actor, w.teamId, w.boardId)()).toMatchObject({ right: { seq: 2 } });
  });

  it('a nacked mutation id stays consumed: resending it gets the same nack even once it could succeed', async () => {
    const w = await track(world());
    const client = await w.connect();
    const move = mutateFrame(w, 'm1', { kind: 'card.create', id: CARD, listId: MISSING_LIST, title: 'Early' });
    await client.send(move);
    await client.send(mutateFrame(w, 'm2', { kind: 'list.create', id: MISSING_LIST, title: 'Late list' }));
    await client.send(move);
    const nacks = client.ofType('nack');
    expect(nacks).toHaveLength(2);
    expect(nacks[1]).toEqual(nacks[0]);
    expect(nacks[0]).toMatchObject({ mid: 'm1', error: { code: 'not_found' } });
    expect(await w.app.boards.get(w.owner.actor, w.teamId, w.boardId)()).toMatchObject({
      right: { seq: 3, cards: [] },
    });
  });

  it("a mutation on another team's board is nacked as not found", async () => {
    const w = await track(world());
    const client = await w.connect();
    const frame = {
      ...mutateFrame(w, 'x1', { kind: 'list.create', title: 'Sneaky' }),
      teamId: '0190a4b2-0000-7000-8000-000000000001',
    };
    await client.send(frame);
    expect(client.ofType('nack')).toEqual([
      expect.objectContaining({ mid: 'x1', error: expect.objectContaining({ code: 'not_found' }) }),
    ]);
  });

  it('an op of the wrong shape is nacked as bad_input', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send(mutateFrame(w, 'b1', { kind: 'card.move', cardId: CARD }));
    await client.send(mutateFrame(w, 'b2', { kind: 'card.explode' }));
    expect(client.ofType('nack').map((n) => (n.error as { code: string }).code)).toEqual(['bad_input', 'bad_input']);
  });

  it('a nack for a misspelt op names the field of that op, as the REST route for it would', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send(mutateFrame(w, 'b1', { kind: 'card.move', cardId: CARD, toListId: w.listId, afterCard: CARD }));
    await client.send(mutateFrame(w, 'b2', { kind: 'card.explode' }));
    const messages = client.ofType('nack').map((n) => (n.error as { message: string }).message);
    expect(messages[0]).toContain('unknown field "afterCard"');
    expect(messages[1]).toContain('unknown kind');
  });
});
