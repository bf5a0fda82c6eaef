import { Writable } from 'node:stream';
import { TickBatch } from '../../../src/adapters/ws/tick-batch';

/** A stream that records each write it is asked to make, as the list of chunks it was given. */
const recording = () => {
  const writes: string[][] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, cb) {
      writes.push([chunk.toString()]);
      cb();
    },
    writev(chunks, cb) {
      writes.push(chunks.map((c) => String(c.chunk)));
      cb();
    },
  });
  return { stream, writes };
};

/** A batch whose flush runs only when the test says so. */
const manual = (flushBytes?: number) => {
  const scheduled: (() => void)[] = [];
  const batch = new TickBatch((flush) => scheduled.push(flush), flushBytes);
  return { batch, runScheduled: () => scheduled.splice(0).forEach((f) => f()) };
};

describe('batching writes per socket per tick', () => {
  it('frames queued in one tick wait until the flush, then leave in one write, in order', () => {
    const { batch, runScheduled } = manual();
    const { stream, writes } = recording();
    const send = batch.writer(stream, (s: string) => stream.write(s));
    ['one', 'two', 'three'].forEach(send);
    expect(writes).toEqual([]);
    runScheduled();
    expect(writes).toEqual([['one', 'two', 'three']]);
  });

  it('each stream is written once per flush, and a later tick starts a new batch', () => {
    const { batch, runScheduled } = manual();
    const a = recording();
    const b = recording();
    const sendA = batch.writer(a.stream, (s: string) => a.stream.write(s));
    const sendB = batch.writer(b.stream, (s: string) => b.stream.write(s));
    sendA('a1');
    sendB('b1');
    sendA('a2');
    runScheduled();
    sendA('a3');
    runScheduled();
    expect(a.writes).toEqual([['a1', 'a2'], ['a3']]);
    expect(b.writes).toEqual([['b1']]);
  });

  it('a stream holding more than the flush threshold is written at once, not at the end of the tick', () => {
    const { batch, runScheduled } = manual(10);
    const { stream, writes } = recording();
    const send = batch.writer(stream, (s: string) => stream.write(s));
    send('small');
    expect(writes).toEqual([]);
    send('x'.repeat(20));
    expect(writes).toEqual([['small', 'x'.repeat(20)]]);
    send('after');
    runScheduled();
    expect(writes).toEqual([['small', 'x'.repeat(20)], ['after']]);
    expect(stream.writableCorked).toBe(0);
  });

  it('a stream ended or destroyed before the flush is left as it is', () => {
    const { batch, runScheduled } = manual();
    const ended = recording();
    const destroyed = recording();
    batch.writer(ended.stream, (s: string) => ended.stream.write(s))('bye');
    batch.writer(destroyed.stream, (s: string) => destroyed.stream.write(s))('lost');
    ended.stream.end();
    destroyed.stream.destroy();
    expect(() => runScheduled()).not.toThrow();
    expect(ended.writes).toEqual([['bye']]);
    expect(ended.stream.writableCorked).toBe(0);
    expect(destroyed.writes).toEqual([]);
  });
});
