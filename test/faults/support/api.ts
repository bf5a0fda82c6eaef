import { randomUUID } from 'node:crypto';

export const PASSWORD = 'correct horse battery staple';

/** A JSON call against a running instance; resolves with status and body, never throws on HTTP errors. */
export const call = async (
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined && { 'content-type': 'application/json' }),
      ...(opts.token !== undefined && { authorization: `Bearer ${opts.token}` }),
      ...opts.headers,
    },
    ...(opts.body !== undefined && { body: JSON.stringify(opts.body) }),
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    body = { text };
  }
  return { status: res.status, body, headers: res.headers };
};

const expectStatus = (what: string, status: number, got: { status: number; body: unknown }) => {
  if (got.status !== status) throw new Error(`${what}: ${got.status} ${JSON.stringify(got.body)}`);
};

/** A signed-up user with a team, a board and a `Todo` list on it, made over HTTP. */
export interface Seeded {
  readonly userId: string;
  readonly token: string;
  readonly teamId: string;
  readonly boardId: string;
  readonly listId: string;
  readonly boardPath: string;
}

export const seedBoard = async (base: string, name = 'Ada'): Promise<Seeded> => {
  const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`;
  const signup = await call(base, 'POST', '/api/auth/signup', { body: { email, password: PASSWORD, name } });
  expectStatus('sign-up', 201, signup);
  const token = signup.body.accessToken as string;
  const userId = (signup.body.user as { id: string }).id;
  const team = await call(base, 'POST', '/api/teams', { token, body: { name: `${name}'s team` } });
  expectStatus('team', 201, team);
  const teamId = (team.body.team as { id: string }).id;
  const board = await call(base, 'POST', `/api/teams/${teamId}/boards`, { token, body: { title: 'Ops' } });
  expectStatus('board', 201, board);
  const boardId = (board.body.board as { id: string }).id;
  const boardPath = `/api/teams/${teamId}/boards/${boardId}`;
  const list = await call(base, 'POST', `${boardPath}/lists`, { token, body: { title: 'Todo' } });
  expectStatus('list', 201, list);
  return { userId, token, teamId, boardId, listId: (list.body.list as { id: string }).id, boardPath };
};

/** The titles of the cards on a board, read over HTTP. */
export const cardTitles = async (base: string, s: Seeded): Promise<Set<string>> => {
  const res = await call(base, 'GET', s.boardPath, { token: s.token });
  expectStatus('board read', 200, res);
  const cards = (res.body.cards ?? []) as { title: string }[];
  return new Set(cards.map((c) => c.title));
};
