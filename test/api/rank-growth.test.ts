import request from 'supertest';
import { perWindow } from '../../src/application/ports';
import { MAX_RANK_LENGTH } from '../../src/domain';
import { bearer, createCard, seedBoard, signUp, startServer } from './helpers';

// Moving cards into the same gap again and again is what grows fractional keys fastest.
const MOVES = 200;

describe('ranks stay short however often cards move', () => {
  const { http } = startServer({
    rateLimits: {
      loginPerAccount: perWindow(10, 900),
      loginPerIp: perWindow(100, 900),
      mutationsPerUser: perWindow(100_000, 1),
    },
  });

  it('a list whose keys pass the bound is renumbered by an event, keeping its order', async () => {
    const alice = await signUp(http);
    const { board, listId: list } = await seedBoard(http, alice);
    const first = await createCard(http, alice, board.url, list, 'First');
    const movers = [
      await createCard(http, alice, board.url, list, 'X'),
      await createCard(http, alice, board.url, list, 'Y'),
    ];
    await createCard(http, alice, board.url, list, 'Last');
    let longest = 0;
    const replays: string[] = [];
    for (let i = 0; i < MOVES; i++) {
      const res = await request(http)
        .post(`${board.url}/cards/${movers[i % 2]}/move`)
        .set(bearer(alice))
        .set('Idempotency-Key', `move-${i}`)
        .send({ toListId: list, afterCardId: first });
      if ((res.body.card.rank as string).length > MAX_RANK_LENGTH) replays.push(`move-${i}`);
      expect(res.status).toBe(200);
      longest = Math.max(longest, (res.body.card.rank as string).length);
    }
    const snapshot = await request(http).get(board.url).set(bearer(alice));
    const ranks = snapshot.body.cards.map((c: { rank: string }) => c.rank);
    expect(Math.max(...ranks.map((r: string) => r.length))).toBeLessThanOrEqual(MAX_RANK_LENGTH);
    expect(longest).toBeLessThanOrEqual(MAX_RANK_LENGTH + 2);
    // The last mover went right after First; the other one just after it.
    expect(snapshot.body.cards.map((c: { title: string }) => c.title)).toEqual(['First', 'Y', 'X', 'Last']);
    expect([...ranks].sort()).toEqual(ranks);

    const events = await request(http).get(`${board.url}/events?after=0&limit=1000`).set(bearer(alice));
    const reranked = events.body.events.filter((e: { kind: string }) => e.kind === 'list.reranked');
    expect(reranked.length).toBeGreaterThan(0);
    // A retried request answers its original event, whose rank was long; it must not renumber again.
    for (const key of replays) {
      const again = await request(http)
        .post(`${board.url}/cards/${movers[Number(key.slice(5)) % 2]}/move`)
        .set(bearer(alice))
        .set('Idempotency-Key', key)
        .send({ toListId: list, afterCardId: first });
      expect(again.status).toBe(200);
    }
    const after = await request(http).get(`${board.url}/events?after=0&limit=1000`).set(bearer(alice));
    expect(after.body.events.filter((e: { kind: string }) => e.kind === 'list.reranked')).toHaveLength(reranked.length);
    const activity = await request(http).get(`${board.url}/activity?limit=200`).set(bearer(alice));
    expect(activity.body.entries.some((e: { kind: string }) => e.kind === 'list.reranked')).toBe(false);
  });
});
