import type { Application } from '../../../src/application/api';
import { ok, title } from '../application/fixtures';
import { closingWorldsAfterEach, mutateFrame, world } from './realtime-fixture';

const track = closingWorldsAfterEach();

const CARD = '0190a4b2-0000-7000-8000-0000000000c1';

const codesOf = (frames: Record<string, unknown>[]) => frames.map((f) => (f.error as { code: string }).code);

describe('text that cannot be stored', () => {
  it.each([
    ['a NUL character', 'Buy\u0000milk'],
    ['a lone high surrogate', 'Buy \ud800 milk'],
    ['a lone low surrogate', '\udc00'],
  ])('a card title with %s is nacked bad_input with its mid, and nothing is stored', async (_what, text) => {
    const w = await track(world());
    const client = await w.connect();
    await client.send(mutateFrame(w, 'm1', { kind: 'card.create', id: CARD, listId: w.listId, title: text }));
    expect(client.ofType('nack')).toEqual([
      expect.objectContaining({ mid: 'm1', error: expect.objectContaining({ code: 'bad_input', retryable: false }) }),
    ]);
    expect(client.ofType('error')).toEqual([]);
    expect((await ok(w.app.boards.get(w.owner.actor, w.teamId, w.boardId))).cards).toEqual([]);
  });

  it('a comment body or a description with a NUL is nacked bad_input too', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send(mutateFrame(w, 'm1', { kind: 'card.create', id: CARD, listId: w.listId, title: 'Fine' }));
    await client.send(mutateFrame(w, 'm2', { kind: 'card.update', cardId: CARD, description: 'a\u0000b' }));
    await client.send(mutateFrame(w, 'm3', { kind: 'comment.create', cardId: CARD, body: '\ud83d' }));
    expect(codesOf(client.ofType('nack'))).toEqual(['bad_input', 'bad_input']);
  });

  it('bad text in a frame that is not a mutate gets an error frame with bad_input', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send({ type: 'auth', token: 'abc\u0000' });
    await client.send({ type: 'ping', '\ud800': 1 });
    expect(codesOf(client.ofType('error'))).toEqual(['bad_input', 'bad_input']);
    expect(client.pair.closed).toBeNull();
  });

  it('a title the value object refuses is nacked bad_input', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send(mutateFrame(w, 'm1', { kind: 'list.create', title: '' }));
    await client.send(mutateFrame(w, 'm2', { kind: 'list.create', title: 'x'.repeat(201) }));
    expect(codesOf(client.ofType('nack'))).toEqual(['bad_input', 'bad_input']);
  });

  it('a mutation whose handling throws is still answered with a nack naming its mid, retryable', async () => {
    const exploding = (app: Application): Application => ({
      ...app,
      boards: {
        ...app.boards,
        apply: () => () => Promise.reject(new Error('invalid byte sequence for encoding "UTF8": 0x00')),
      },
    });
    const w = await track(world({ wrapApp: exploding }));
    const client = await w.connect();
    await client.send(mutateFrame(w, 'm1', { kind: 'list.create', title: 'Boom' }));
    expect(client.ofType('nack')).toEqual([
      expect.objectContaining({ mid: 'm1', error: expect.objectContaining({ code: 'internal', retryable: true }) }),
    ]);
  });
});

describe('mutation ids belong to their user', () => {
  it("nobody can burn another user's mid: a nack for Mallory's frame is not replayed to Alice", async () => {
    const w = await track(world());
    const mallory = await w.connect(await w.join('Mallory', 'member'));
    await mallory.send(mutateFrame(w, 'm1', { kind: 'list.create', title: '' }, 'alice-tab'));
    const alice = await w.connect();
    await alice.send(mutateFrame(w, 'm1', { kind: 'list.create', title: 'Real work' }, 'alice-tab'));
    expect(codesOf(mallory.ofType('nack'))).toEqual(['bad_input']);
    expect(alice.ofType('nack')).toEqual([]);
    expect(alice.ofType('ack')).toEqual([expect.objectContaining({ mid: 'm1' })]);
  });

  it("a user's own refused mid stays refused for them", async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send(mutateFrame(w, 'm1', { kind: 'list.create', title: '' }));
    await client.send(mutateFrame(w, 'm1', { kind: 'list.create', title: 'Now valid' }));
    expect(codesOf(client.ofType('nack'))).toEqual(['bad_input', 'bad_input']);
  });

  it("a clientId starting with http: is refused bad_input, so a socket never reaches a user's REST idempotency keys", async () => {
    const w = await track(world());
    const alice = w.owner.actor.userId;
    await ok(
      w.app.lists.create(
        w.owner.actor,
        w.teamId,
        w.boardId,
        { title: title('Via REST') },
        {
          clientId: `http:${alice}`,
          mid: 'key-1',
        },
      ),
    );
    const mallory = await w.connect(await w.join('Mallory', 'member'));
    await mallory.send(mutateFrame(w, 'key-1', { kind: 'list.create', title: 'Collide' }, `http:${alice}`));
    await mallory.send(
      mutateFrame(w, 'key-2', { kind: 'list.create', title: 'Mine' }, `http:${mallory.connection.userId}`),
    );
    expect(mallory.ofType('ack')).toEqual([]);
    expect(mallory.ofType('nack')).toEqual([
      expect.objectContaining({ mid: 'key-1', error: expect.objectContaining({ code: 'bad_input' }) }),
      expect.objectContaining({ mid: 'key-2', error: expect.objectContaining({ code: 'bad_input' }) }),
    ]);
  });
});
