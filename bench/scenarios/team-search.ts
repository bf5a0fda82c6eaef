import { randomUUID } from 'node:crypto';
import { isLeft } from 'fp-ts/Either';
import { Client } from 'pg';
import { openPostgres } from '../../src/adapters/storage/postgres-runtime';
import type { TeamId } from '../../src/domain';
import { ProcSampler } from '../lib/proc';
import type { Scenario, ScenarioResult } from '../lib/report';
import { call } from '../lib/rest';
import { nowMs, summarize } from '../lib/stats';

const TARGET_CARDS = 50_000;
const TARGET_P95_MS = 50;
const ROUNDS = 40;

/**
 * A word of a 5,000-word vocabulary, skewed like real text: `w0`..`w9` are in most cards, `w4000` in
 * few. Written as a correlated subquery so each row gets its own words.
 */
const words = (n: number, seed: string) =>
  `(SELECT string_agg('w' || floor(5000 * power(random(), 3))::int, ' ') FROM generate_series(1, ${n} + 0 * ${seed}))`;

/** Fills one board of the team's shard with `cards` cards (4-word titles, 25-word descriptions) and a comment per 2 cards. */
const seed = async (shard: Client, teamId: string, cards: number): Promise<void> => {
  const boardId = randomUUID();
  const actor = randomUUID();
  await shard.query(
    `INSERT INTO boards (team_id, id, title, archived, seq, created_at, created_by)
     VALUES ($1, $2, 'Search bench', false, 1, now(), $3)`,
    [teamId, boardId, actor],
  );
  await shard.query(
    `INSERT INTO lists (team_id, id, board_id, title, rank, archived, created_at)
     SELECT $1, gen_random_uuid(), $2, 'List ' || i, 'a' || i, false, now() FROM generate_series(0, 9) i`,
    [teamId, boardId],
  );
  await shard.query(
    `INSERT INTO cards (team_id, id, board_id, list_id, title, description, rank, created_at, updated_at, created_by)
     SELECT $1, gen_random_uuid(), $2, l.ids[1 + i % 10], ${words(4, 'i')}, ${words(25, 'i')},
            'a' || lpad(i::text, 6, '0'), now(), now() - i * interval '1 second', $3
     FROM generate_series(1, $4::int) i,
          (SELECT array_agg(id) AS ids FROM lists WHERE team_id = $1 AND board_id = $2) l`,
    [teamId, boardId, actor, cards],
  );
  await shard.query(
    `INSERT INTO comments (team_id, id, board_id, card_id, author_id, body, created_at)
     SELECT $1, gen_random_uuid(), $2, c.id, $3, ${words(12, 'length(c.rank)')}, now()
     FROM cards c WHERE c.team_id = $1 AND c.board_id = $2 AND right(c.rank, 1) IN ('0', '2', '4', '6', '8')`,
    [teamId, boardId, actor],
  );
  await shard.query('ANALYZE boards, cards, comments');
};

/** What people type: a frequent word, a middling one, a rare one, two words, and a word half typed. */
const QUERIES: Readonly<Record<string, string>> = {
  'frequent word (w3)': 'w3',
  'middling word (w700)': 'w700',
  'rare word (w4100)': 'w4100',
  'two words (w20 w45)': 'w20 w45',
  'prefix while typing (w31)': 'w31',
};

export const teamSearchScenario: Scenario = {
  id: '12',
  title: 'Team search over one shard',
  run: async (ctx): Promise<ScenarioResult> => {
    const cards = ctx.quick ? 5_000 : TARGET_CARDS;
    const owner = ctx.crew.owner;
    // A team of its own, so the cards seeded here do not weigh on the other scenarios' team.
    const { team } = await call<{ team: { id: string } }>(owner, 'POST', '/api/teams', { name: 'Search bench' });
    const rt = openPostgres(ctx.env.catalogUrl, ctx.env.shardUrls);
    const where = await rt.router.where(team.id as TeamId)();
    if (isLeft(where)) throw new Error(where.left.message);
    await rt.close();
    const shardUrl = ctx.env.shardUrls.find((s) => s.id === where.right.shardId)?.url;
    // A client of its own: the app's pools cut statements at their timeout, and seeding takes longer.
    const shard = new Client({ connectionString: shardUrl });
    await shard.connect();
    const seedStart = nowMs();
    try {
      await seed(shard, team.id, cards);
    } finally {
      await shard.end();
    }
    const seedMs = Math.round(nowMs() - seedStart);
    const url = (q: string) => `${owner.baseUrl}/api/teams/${team.id}/search?q=${encodeURIComponent(q)}&limit=20`;
    const get = async (q: string) => {
      const started = nowMs();
      const res = await fetch(url(q), { headers: { authorization: `Bearer ${owner.token}` } });
      const body = (await res.json()) as { results: unknown[]; nextCursor: string | null };
      if (!res.ok) throw new Error(`search answered ${res.status}`);
      return { ms: nowMs() - started, body };
    };
    const hitsOnFirstPage: Record<string, number> = {};
    for (const q of Object.values(QUERIES)) hitsOnFirstPage[q] = (await get(q)).body.results.length; // warm-up
    const sampler = new ProcSampler(ctx.env.watched);
    sampler.start();
    const per: Record<string, number[]> = Object.fromEntries(Object.keys(QUERIES).map((k) => [k, []]));
    const all: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, q] of Object.entries(QUERIES)) {
        const { ms } = await get(q);
        per[name]?.push(ms);
        all.push(ms);
      }
    }
    const usage = sampler.stop();
    const overall = summarize(all);
    return {
      id: '12',
      title: teamSearchScenario.title,
      figures: {
        cards,
        comments: Math.ceil(cards / 2),
        'seed ms (SQL)': seedMs,
        'first-page hits per query': Object.values(hitsOnFirstPage).join(', '),
      },
      latencies: {
        'all queries (REST, full response)': overall,
        ...Object.fromEntries(Object.entries(per).map(([name, ms]) => [name, summarize(ms)])),
      },
      targets:
        cards >= TARGET_CARDS
          ? [
              {
                ref: 'T14d',
                name: `search over ${TARGET_CARDS} cards p95`,
                target: `<= ${TARGET_P95_MS} ms`,
                actual: `${overall.p95} ms`,
                met: overall.p95 <= TARGET_P95_MS,
              },
            ]
          : [],
      usage,
      notes: [
        `${ROUNDS} rounds of ${Object.keys(QUERIES).length} queries, one at a time over loopback, first page of 20`,
        'words are w0..w4999 drawn with a cubic skew: w3 is in most cards, w4100 in a handful',
        ...(cards < TARGET_CARDS ? [`the ${TARGET_CARDS}-card target is only checked by a full run`] : []),
      ],
    };
  },
};
