// Scenario 7 of `npm run bench` (loaded by bench/scenarios/tenant-move.ts): moves a team holding a large
// board (50,000 cards, 100,000 events, 50,000 comments; a tenth with --quick) to the other shard while
// 200 REST writes/s land on five other boards, and reports rows/s, the write pause and lost writes.
import { randomUUID } from 'node:crypto';
import { isLeft } from 'fp-ts/Either';
import pino from 'pino';
import type { Pool } from 'pg';
import { RedisControlBus } from '../src/adapters/redis/control-bus';
import { openPostgres } from '../src/adapters/storage/postgres-runtime';
import type { TeamId } from '../src/domain';
import { pgMoveEnv } from '../src/adapters/pg/move';
import { moveTeam } from '../src/shard-router/move';
import type { ScenarioContext, ScenarioResult, TargetCheck } from './lib/report';
import { boardPath, createBoard, type BoardFixture, type Session } from './lib/rest';
import { nowMs, sleep, summarize } from './lib/stats';

const WRITES_PER_SECOND = 200;
const PAUSE_TARGET_MS = 250;
// An open loop past what the servers sustain only measures the queue; ticks over this many in flight are skipped.
const MAX_IN_FLIGHT = 16;

/** Writes one large board straight into the team's shard: what months of use would leave behind. */
const seedLargeBoard = async (shard: Pool, teamId: string, cards: number): Promise<void> => {
  const boardId = randomUUID();
  const actor = randomUUID();
  const events = cards * 2;
  await shard.query(
    `INSERT INTO boards (team_id, id, title, archived, seq, created_at, created_by)
     VALUES ($1, $2, 'Move bench', false, $3, now(), $4)`,
    [teamId, boardId, events, actor],
  );
  await shard.query(
    `INSERT INTO lists (team_id, id, board_id, title, rank, archived, created_at)
     SELECT $1, gen_random_uuid(), $2, 'List ' || i, 'a' || i, false, now() FROM generate_series(0, 9) i`,
    [teamId, boardId],
  );
  await shard.query(
    `INSERT INTO cards (team_id, id, board_id, list_id, title, description, rank, created_at, updated_at, created_by)
     SELECT $1, gen_random_uuid(), $2, l.ids[1 + i % 10], 'Card ' || i, repeat('x', 80), 'a' || lpad(i::text, 6, '0'),
            now(), now(), $3
     FROM generate_series(1, $4::int) i,
          (SELECT array_agg(id) AS ids FROM lists WHERE team_id = $1 AND board_id = $2) l`,
    [teamId, boardId, actor, cards],
  );
  await shard.query(
    `INSERT INTO comments (team_id, id, board_id, card_id, author_id, body, created_at)
     SELECT $1, gen_random_uuid(), $2, id, $3, 'A comment of moderate length on ' || title, now()
     FROM cards WHERE team_id = $1 AND board_id = $2`,
    [teamId, boardId, actor],
  );
  await shard.query(
    `INSERT INTO board_events (team_id, board_id, seq, kind, data, actor, at)
     SELECT $1, $2, s, 'card.updated', jsonb_build_object('n', s, 'title', 'Card ' || s), $3, now()
     FROM generate_series(1, $4::int) s`,
    [teamId, boardId, actor, events],
  );
};

interface Write {
  readonly key: string;
  readonly latencyMs: number;
}

/** Open-loop card moves at a fixed rate, each retried with its Idempotency-Key until acknowledged. */
const writeLoad = (boards: readonly BoardFixture[], next: () => Session) => {
  const acked: Write[] = [];
  const inFlight = new Set<Promise<void>>();
  let retries = 0;
  let skipped = 0;
  const refusals = new Map<number, number>();
  let running = true;
  const one = async () => {
    const key = randomUUID();
    const board = boards[Math.floor(Math.random() * boards.length)] as BoardFixture;
    const cardId = board.cards[Math.floor(Math.random() * board.cards.length)];
    const started = nowMs();
    const session = next();
    for (let attempt = 0; attempt < 100; attempt++) {
      const res = await fetch(`${session.baseUrl}${boardPath(board.teamId, board.boardId)}/cards/${cardId}/move`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${session.token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify({ toListId: board.lists[attempt % 2] }),
      });
      await res.arrayBuffer();
      if (res.ok) return void acked.push({ key, latencyMs: nowMs() - started });
      retries++;
      refusals.set(res.status, (refusals.get(res.status) ?? 0) + 1);
      await sleep(20);
    }
  };
  const loop = (async () => {
    for (let tick = nowMs(); running; tick += 1000 / WRITES_PER_SECOND) {
      if (inFlight.size >= MAX_IN_FLIGHT) skipped++;
      else {
        const p = one().finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await sleep(Math.max(0, tick + 1000 / WRITES_PER_SECOND - nowMs()));
    }
  })();
  return {
    acked,
    retries: () => retries,
    skipped: () => skipped,
    refusals: () => [...refusals].map(([status, n]) => `${status} x${n}`).join(', ') || 'none',
    stop: async () => {
      running = false;
      await loop;
      await Promise.all([...inFlight]);
    },
  };
};

/** How often each acknowledged write is stored on the shard (must be exactly once). */
const storedCounts = async (shard: Pool, teamId: string, keys: readonly string[]) => {
  const { rows } = await shard.query<{ mid: string; n: number }>(
    'SELECT mid, count(*)::int AS n FROM board_events WHERE team_id = $1 AND mid = ANY($2) GROUP BY mid',
    [teamId, keys],
  );
  const counts = new Map(rows.map((r) => [r.mid, r.n]));
  return {
    lost: keys.filter((k) => !counts.has(k)).length,
    duplicated: keys.filter((k) => (counts.get(k) ?? 0) > 1).length,
  };
};

const check = (name: string, target: string, actual: number, met: boolean, unit = ''): TargetCheck => ({
  name,
  target,
  actual: `${actual}${unit}`,
  met,
});

/** The benchmark: returns figures, latencies and targets for bench/scenarios/tenant-move.ts. */
export const runMoveBenchmark = async ({
  env,
  crew,
  quick,
}: ScenarioContext): Promise<Partial<Pick<ScenarioResult, 'figures' | 'latencies' | 'targets' | 'notes'>>> => {
  const cards = quick ? 5_000 : 50_000;
  const rt = openPostgres(env.catalogUrl, env.shardUrls);
  const control = new RedisControlBus({ url: env.redis.url, logger: pino({ level: 'silent' }) });
  try {
    const teamId = crew.teamId as TeamId;
    const where = await rt.router.where(teamId)();
    if (isLeft(where)) throw new Error(where.left.message);
    const from = where.right.shardId;
    const to = env.shardUrls.map((s) => s.id).find((id) => id !== from) as string;
    const seedStart = nowMs();
    await seedLargeBoard(rt.shards.get(from) as Pool, teamId, cards);
    const seedMs = Math.round(nowMs() - seedStart);
    // Writes to one board serialize on its row lock; real teams spread over several boards.
    const boards: BoardFixture[] = [];
    for (let i = 0; i < 5; i++) boards.push(await createBoard(() => crew.session(), teamId, 20));
    const load = writeLoad(boards, () => crew.session());
    const loadStart = nowMs();
    await sleep(2000);
    const moved = await moveTeam(
      pgMoveEnv(rt, (m) => control.publish(m)()),
      { teamId, to, maxPauseMs: PAUSE_TARGET_MS },
    )();
    await sleep(2000);
    await load.stop();
    const loadSeconds = (nowMs() - loadStart) / 1000;
    const latency = summarize(load.acked.map((w) => w.latencyMs));
    const loadFigures = {
      'acknowledged writes during the run': load.acked.length,
      'acknowledged writes/s': Math.round(load.acked.length / loadSeconds),
      'offered writes skipped (too many in flight)': load.skipped(),
      'client retries': load.retries(),
      'refused attempts by status': load.refusals(),
    };
    const latencies = { 'card move at 200/s across the move (REST)': latency };
    // An aborted move is a result too: the team stayed on its shard and kept serving.
    if (isLeft(moved)) {
      return {
        figures: { move: `aborted: ${moved.left.message}`, ...loadFigures },
        latencies,
        targets: [check('move completes', 'done', 0, false)],
        notes: [`team ${teamId} stayed on ${from}; ${cards} cards seeded by SQL into one board`],
      };
    }
    const r = moved.right;
    const stored = await storedCounts(
      rt.shards.get(to) as Pool,
      teamId,
      load.acked.map((w) => w.key),
    );
    const copied = Object.values(r.rows).reduce((a, b) => a + b, 0);
    return {
      figures: {
        'team rows copied': copied,
        ...Object.fromEntries(Object.entries(r.rows).map(([t, n]) => [`  ${t}`, n])),
        'copy ms': r.copyMs,
        'rows/s': r.rowsPerSecond,
        'captured changes applied': r.changesApplied,
        'write pause ms (hold -> placement flip)': r.pauseMs,
        'cutover attempts': r.cutoverAttempts,
        'source rows pruned': r.pruned,
        ...loadFigures,
        'lost writes': stored.lost,
        'duplicated writes': stored.duplicated,
        'seed ms (SQL)': seedMs,
      },
      latencies,
      targets: [
        check('write pause', `<= ${PAUSE_TARGET_MS} ms`, r.pauseMs, r.pauseMs <= PAUSE_TARGET_MS, ' ms'),
        check('lost writes', '0', stored.lost, stored.lost === 0),
        check('duplicated writes', '0', stored.duplicated, stored.duplicated === 0),
        check('verification', 'identical', r.verify?.ok ? 1 : 0, r.verify?.ok === true),
      ],
      notes: [`moved team ${teamId} from ${from} to ${to}; ${cards} cards seeded by SQL into one board`],
    };
  } finally {
    await control.close();
    await rt.close();
  }
};
