import type { BoardClient } from '../../integration/realtime/board-client';
import { call, type Seeded } from './api';
import { sleep } from '../../support/wait';

type Answer = Awaited<ReturnType<BoardClient['mutate']>>;

/**
 * The writes a fault test made and what the server answered. Only an acknowledged write (a 201, or a
 * WebSocket ack) is a promise the server made; unanswered or refused writes may or may not have landed.
 */
export class History {
  /** Title -> the seq the server acknowledged it with. */
  readonly acked = new Map<string, number>();
  /** Titles whose write was refused (nack, 4xx/5xx) or never answered. */
  readonly refused = new Map<string, string>();
  /** Every answer that made the client retry a write (`503 unavailable`, `429 rate_limited`, `0 …`). */
  readonly setbacks: string[] = [];

  ack(title: string, seq: number): void {
    this.acked.set(title, seq);
  }

  refuse(title: string, why: string): void {
    this.refused.set(title, why);
  }
}

const retryable = (a: Answer) =>
  a.type === 'nack' && ['rate_limited', 'unavailable', 'tenant_moved'].includes(a.error.code);

/**
 * Creates `count` cards one after another over `client`'s socket, as a user would; a retryable nack is
 * retried with the same mid (the protocol's promise), anything else is recorded as refused.
 */
export const writeOverSocket = async (
  client: BoardClient,
  listId: string,
  history: History,
  prefix: string,
  count: number,
  pauseMs = 10,
): Promise<void> => {
  for (let i = 0; i < count; i++) {
    const title = `${prefix}-${i}`;
    const mid = `${client.clientId}-${title}`;
    let answer = await client.mutateWith(mid, { kind: 'card.create', listId, title });
    for (let attempt = 0; retryable(answer) && attempt < 50; attempt++) {
      await sleep(100);
      answer = await client.mutateWith(mid, { kind: 'card.create', listId, title });
    }
    if (answer.type === 'ack') history.ack(title, answer.seq);
    else history.refuse(title, answer.error.code);
    await sleep(pauseMs);
  }
};

/** One REST card creation; a thrown network error reads as status 0. */
const postCard = async (base: string, seeded: Seeded, title: string) => {
  try {
    return await call(base, 'POST', `${seeded.boardPath}/cards`, {
      token: seeded.token,
      body: { listId: seeded.listId, title },
      headers: { 'idempotency-key': `card-${title}` },
    });
  } catch (err) {
    return { status: 0, body: { error: { code: (err as Error).message } } as Record<string, unknown> };
  }
};

/**
 * Creates `count` cards over REST against whichever instance `base()` names, as a careful client does:
 * each with an Idempotency-Key, retried (same key) after a rate limit, an outage or a lost connection.
 */
export const writeOverHttp = async (
  base: () => string,
  seeded: Seeded,
  history: History,
  prefix: string,
  count: number,
  pauseMs = 10,
): Promise<void> => {
  for (let i = 0; i < count; i++) {
    const title = `${prefix}-${i}`;
    let res = await postCard(base(), seeded, title);
    for (let attempt = 0; [0, 429, 503].includes(res.status) && attempt < 50; attempt++) {
      history.setbacks.push(`${res.status} ${(res.body.error as { code?: string } | undefined)?.code ?? ''}`);
      await sleep(150);
      res = await postCard(base(), seeded, title);
    }
    if (res.status === 201) history.ack(title, res.body.seq as number);
    else history.refuse(title, `${res.status} ${(res.body.error as { code?: string } | undefined)?.code ?? ''}`);
    await sleep(pauseMs);
  }
};

/** The board as the server has it now: every card title (with repeats) and the board's seq. */
export const readBoard = async (base: string, seeded: Seeded): Promise<{ titles: string[]; seq: number }> => {
  const res = await call(base, 'GET', seeded.boardPath, { token: seeded.token });
  if (res.status !== 200) throw new Error(`board read: ${res.status} ${JSON.stringify(res.body)}`);
  return { titles: ((res.body.cards ?? []) as { title: string }[]).map((c) => c.title), seq: res.body.seq as number };
};

/** Every acknowledged write is on the board, once; no write, acknowledged or not, landed twice. */
export const expectNothingAcknowledgedLost = async (base: string, seeded: Seeded, history: History) => {
  const { titles } = await readBoard(base, seeded);
  const missing = [...history.acked.keys()].filter((t) => !titles.includes(t));
  const repeated = titles.filter((t, i) => titles.indexOf(t) !== i);
  expect({ missing, repeated }).toEqual({ missing: [], repeated: [] });
  expect(history.acked.size).toBeGreaterThan(0);
};
