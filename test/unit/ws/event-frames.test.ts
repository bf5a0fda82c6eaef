import * as E from 'fp-ts/Either';
import { EVENT_SCHEMA_VERSION, decodeEventRecord } from '../../../src/domain';
import { closingWorldsAfterEach, world } from './realtime-fixture';

const track = closingWorldsAfterEach();

describe('event frames on the wire', () => {
  it('every event frame carries the event schema version and decodes as a board event record', async () => {
    const w = await track(world());
    await w.addCard('One');
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 0 });
    const frames = client.ofType('event');
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      expect(frame.v).toBe(EVENT_SCHEMA_VERSION);
      expect(E.isRight(decodeEventRecord(frame))).toBe(true);
    }
  });
});
