import { randomUUID } from 'node:crypto';

/** A board the scenarios move cards on: two lists, cards in the first. */
export interface BoardFixture {
  readonly teamId: string;
  readonly boardId: string;
  readonly lists: readonly [string, string];
  readonly cards: readonly string[];
}

/** A signed-up user on one instance: the bench drives everything as this one owner. */
export interface Session {
  readonly baseUrl: string;
  readonly token: string;
  /** With BENCH_PASSWORD, what logs this user in through the web app's login page. */
  readonly email: string;
}

/** Every bench user's password. */
export const BENCH_PASSWORD = 'bench password';

/** Calls the REST API and answers the parsed body; any non-2xx is a bench bug and throws. */
export const call = async <T = Record<string, unknown>>(
  session: Session,
  method: string,
  route: string,
  body?: unknown,
): Promise<T> => {
  const res = await fetch(`${session.baseUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
};

export const signUp = async (
  baseUrl: string,
  name: string,
  email = `${name}-${randomUUID().slice(0, 8)}@bench.example`,
): Promise<Session> => {
  const res = await fetch(`${baseUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD, name }),
  });
  if (!res.ok) throw new Error(`signup answered ${res.status}: ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return { baseUrl, token: accessToken, email };
};

export const boardPath = (teamId: string, boardId: string): string => `/api/teams/${teamId}/boards/${boardId}`;

/** Runs `task` for 0..count-1 with at most `concurrency` in flight. */
export const pool = async (count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> => {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
};

/**
 * A board with two lists and `cards` cards in the first, created over REST; `next` picks the user for
 * each request, so no one user's mutation budget runs out.
 */
export const createBoard = async (next: () => Session, teamId: string, cards: number): Promise<BoardFixture> => {
  const boardId = randomUUID();
  await call(next(), 'POST', `/api/teams/${teamId}/boards`, { title: 'Bench', id: boardId });
  const base = boardPath(teamId, boardId);
  const list = async (title: string) =>
    (await call<{ list: { id: string } }>(next(), 'POST', `${base}/lists`, { title })).list.id;
  const todo = await list('Todo');
  const done = await list('Done');
  const ids = Array.from({ length: cards }, () => randomUUID());
  // Cards go to the end of the list, so concurrent creates contend on the board but stay valid.
  await pool(cards, 8, async (i) => {
    await call(next(), 'POST', `${base}/cards`, { listId: todo, title: `Card ${i}`, id: ids[i] });
  });
  return { teamId, boardId, lists: [todo, done], cards: ids };
};

/**
 * Waits until the board's seq has not moved for `quietMs` (at most `maxMs`): an open-loop phase the
 * server could not keep up with leaves moves queued in it, and the next phase or scenario must not
 * measure them. Answers how long it waited and whether the board went quiet.
 */
export const waitUntilQuiet = async (
  session: Session,
  board: Pick<BoardFixture, 'teamId' | 'boardId'>,
  quietMs = 1500,
  maxMs = 90_000,
): Promise<{ waitedMs: number; quiet: boolean }> => {
  const started = Date.now();
  const seqNow = async () => (await call<{ seq: number }>(session, 'GET', boardPath(board.teamId, board.boardId))).seq;
  let seq = await seqNow();
  let since = Date.now();
  while (Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const next = await seqNow();
    if (next !== seq) [seq, since] = [next, Date.now()];
    else if (Date.now() - since >= quietMs) return { waitedMs: Date.now() - started, quiet: true };
  }
  return { waitedMs: Date.now() - started, quiet: false };
};
