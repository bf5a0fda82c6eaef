import fc from 'fast-check';
import pino from 'pino';
import { closingWorldsAfterEach, TestClient, world } from './realtime-fixture';

const track = closingWorldsAfterEach();

const TYPES = ['auth', 'subscribe', 'unsubscribe', 'mutate', 'ping', 'event', 'ack', '__proto__', 'constructor'];
const KINDS = [
  'card.create',
  'card.update',
  'card.move',
  'card.delete',
  'list.create',
  'list.update',
  'list.move',
  'comment.create',
  'x',
];
const ANSWERS = new Set(['error', 'nack', 'ack', 'pong', 'snapshot', 'subscribed', 'unsubscribed', 'event', 'ready']);
const CLOSE_CODES = new Set([4401, 4429, 1009]);

/** Frames that look more or less like ours: the shapes a confused or hostile client sends. */
const frameArb = (teamId: string, boardId: string) =>
  fc.oneof(
    fc.string(),
    fc.json(),
    fc
      .record(
        {
          type: fc.constantFrom(...TYPES),
          teamId: fc.oneof(fc.constant(teamId), fc.uuid(), fc.anything()),
          boardId: fc.oneof(fc.constant(boardId), fc.anything()),
          lastSeq: fc.oneof(fc.integer(), fc.double(), fc.string()),
          mid: fc.oneof(fc.string(), fc.integer()),
          clientId: fc.string(),
          token: fc.anything(),
          op: fc.oneof(
            fc.anything(),
            fc.record({ kind: fc.constantFrom(...KINDS), cardId: fc.uuid(), title: fc.string() }),
          ),
        },
        { requiredKeys: ['type'] },
      )
      .map((o) => JSON.stringify(o)),
  );

describe('bad frames', () => {
  it('a frame that is not JSON gets a bad_json error frame and the socket stays open', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send('{"type": "subscribe"');
    expect(client.ofType('error')).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'bad_json' }) }]);
    expect(client.pair.closed).toBeNull();
  });

  it('an unknown frame type gets an unknown_type error frame', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send({ type: 'teleport' });
    expect(client.ofType('error')).toEqual([
      { type: 'error', error: expect.objectContaining({ code: 'unknown_type' }) },
    ]);
  });

  it('a known frame of the wrong shape gets a bad_frame error naming the problem', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: 'not-a-uuid', boardId: w.boardId });
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, extra: true });
    const errors = client.ofType('error').map((e) => e.error as { code: string; message: string });
    expect(errors.map((e) => e.code)).toEqual(['bad_frame', 'bad_frame']);
    expect(errors[1]?.message).toContain('extra');
  });

  it('a frame over the size limit closes the socket with 1009', async () => {
    const w = await track(world({ settings: { maxPayloadBytes: 1024 } }));
    const client = await w.connect();
    await client.send({ type: 'ping', pad: 'x'.repeat(2000) });
    expect(client.pair.closed).toMatchObject({ code: 1009 });
  });

  it('a client over the rate limit gets a rate_limited error, then is closed with 4429 if it keeps on', async () => {
    const now = 1_000_000;
    const w = await track(
      world({ now: () => now, settings: { rateLimit: { ratePerSecond: 10, burst: 5, patience: 3 } } }),
    );
    const client = new TestClient(w.realtime);
    for (let i = 0; i < 7; i++) client.pair.send({ type: 'ping' });
    await client.settle();
    expect(client.ofType('pong')).toHaveLength(5);
    expect(client.ofType('error')).toEqual([
      { type: 'error', error: expect.objectContaining({ code: 'rate_limited' }) },
    ]);
    expect(client.pair.closed).toBeNull();
    for (let i = 0; i < 3; i++) client.pair.send({ type: 'ping' });
    expect(client.pair.closed).toMatchObject({ code: 4429 });
  });

  it('fuzzed frames never crash the server: each gets an answer frame or a close with a known code', async () => {
    const failures: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => failures.push(line) });
    const w = await track(world({ logger, settings: { rateLimit: { ratePerSecond: 1e6, burst: 1e6, patience: 1 } } }));
    await fc.assert(
      fc.asyncProperty(fc.array(frameArb(w.teamId, w.boardId), { minLength: 1, maxLength: 5 }), async (frames) => {
        for (const client of [await w.connect(), new TestClient(w.realtime)]) {
          const before = client.frames().length;
          for (const frame of frames) client.pair.send(frame);
          await client.settle();
          const answers = client.frames().slice(before);
          expect(answers.every((f) => ANSWERS.has(f.type as string))).toBe(true);
          const closedWell = client.pair.closed !== null && CLOSE_CODES.has(client.pair.closed.code);
          expect(closedWell || answers.length > 0).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
    expect(failures).toEqual([]);
  });
});
