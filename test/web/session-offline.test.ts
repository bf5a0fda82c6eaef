/**
 * @jest-environment jsdom
 */
import { ApiClient, SessionMismatch } from '../../web/src/api/client';
import { api, useSession, type SessionUser } from '../../web/src/api/session';
import { saveProfile } from '../../web/src/api/profile';
import { ALICE, BOB, TEAM } from './fixtures';

const user = (id: string, name: string): SessionUser => ({
  id,
  name,
  email: `${name.toLowerCase()}@example.com`,
  settings: {
    email: { assigned: true, mentioned: true, comment: true, due: true, invited: true },
    digest: 'immediately',
    timeZone: 'UTC',
  },
});
/** An unsigned JWT-shaped token naming `sub`: the client only reads whose it is. */
const tokenFor = (sub: string) => `e30.${btoa(JSON.stringify({ sub })).replace(/=+$/, '')}.sig`;

type Answer = { status: number; body?: unknown } | 'offline';
let answers: Record<string, Answer> = {};
const requests: string[] = [];

beforeAll(() => {
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${String(input)}`;
    requests.push(key);
    const a = answers[key] ?? { status: 404, body: { error: { code: 'not_found', message: 'no' } } };
    if (a === 'offline') throw new TypeError('Failed to fetch');
    // jsdom has no Response; the client reads only these members.
    const text = a.body === undefined ? '' : JSON.stringify(a.body);
    return { status: a.status, ok: a.status < 300, text: async () => text };
  }) as unknown as typeof fetch;
});

beforeEach(() => {
  localStorage.clear();
  requests.length = 0;
  api.setAccessToken(null);
  useSession.setState({ status: 'unknown', confirmed: false, user: null, teams: [] });
});

const bob = user(BOB, 'Bob');
const team = { id: TEAM, name: 'Launch', role: 'member' as const };

describe('opening the app offline', () => {
  test('offline at page load, the last signed-in user is restored from this device, unconfirmed', async () => {
    saveProfile(localStorage, { user: bob, teams: [team] });
    answers = { 'POST /api/auth/refresh': 'offline' };

    await useSession.getState().restore();

    expect(useSession.getState()).toMatchObject({
      status: 'authenticated',
      confirmed: false,
      user: bob,
      teams: [team],
    });
    expect(api.token).toBeNull();
  });

  test('offline with nobody remembered, the app asks to log in', async () => {
    answers = { 'POST /api/auth/refresh': 'offline' };
    await useSession.getState().restore();
    expect(useSession.getState()).toMatchObject({ status: 'anonymous', user: null });
  });

  test('back online, a session that turns out to be someone else’s replaces the remembered user', async () => {
    saveProfile(localStorage, { user: bob, teams: [team] });
    answers = { 'POST /api/auth/refresh': 'offline' };
    await useSession.getState().restore();

    const alice = user(ALICE, 'Alice');
    answers = {
      'POST /api/auth/refresh': { status: 200, body: { user: alice, accessToken: tokenFor(ALICE) } },
      'GET /api/me': { status: 200, body: { user: alice, teams: [] } },
    };
    await useSession.getState().restore();

    expect(useSession.getState()).toMatchObject({ status: 'authenticated', confirmed: true, user: alice });
    expect(api.userId).toBe(ALICE);
  });

  test('a logout made offline is not undone by the next start: the server is told first', async () => {
    saveProfile(localStorage, { user: bob, teams: [team] });
    useSession.setState({ status: 'authenticated', user: bob, teams: [team] });
    answers = { 'POST /api/auth/logout': 'offline' };
    await useSession.getState().logOut();

    answers = { 'POST /api/auth/logout': 'offline', 'POST /api/auth/refresh': 'offline' };
    await useSession.getState().restore();
    expect(useSession.getState().status).toBe('anonymous');
    expect(requests).not.toContain('POST /api/auth/refresh');

    answers = {
      'POST /api/auth/logout': { status: 204 },
      'POST /api/auth/refresh': { status: 401, body: { error: { code: 'invalid_token', message: 'no' } } },
    };
    await useSession.getState().restore();
    expect(requests.slice(-2)).toEqual(['POST /api/auth/logout', 'POST /api/auth/refresh']);
    expect(useSession.getState().status).toBe('anonymous');
  });
});

describe('sessions the server ended elsewhere', () => {
  test('after signing out everywhere or deleting the account, nothing of the user is left to open offline', async () => {
    saveProfile(localStorage, { user: bob, teams: [team] });
    localStorage.setItem(`boardroom:v2:user:${BOB}:team:${TEAM}:board:b1:confirmed`, '{}');
    useSession.setState({ status: 'authenticated', user: bob, teams: [team] });

    useSession.getState().forgetHere();

    expect(useSession.getState()).toMatchObject({ status: 'anonymous', user: null, confirmed: false });
    expect(localStorage.length).toBe(0);
    answers = { 'POST /api/auth/refresh': 'offline' };
    await useSession.getState().restore();
    expect(useSession.getState().status).toBe('anonymous');
  });
});

describe('requests made for one user', () => {
  test('a refresh that brings another user’s session stops the request before it is sent', async () => {
    answers = {
      'POST /api/auth/refresh': { status: 200, body: { user: user(ALICE, 'Alice'), accessToken: tokenFor(ALICE) } },
    };
    const client = new ApiClient();

    await expect(
      client.request('POST', '/api/teams/t/boards/b/cards', { body: { title: 'x' }, asUser: BOB }),
    ).rejects.toBeInstanceOf(SessionMismatch);
    expect(requests).toEqual(['POST /api/auth/refresh']);
  });

  test('an expired token refreshed into another user’s session is not used for the retry', async () => {
    answers = {
      'POST /cards': { status: 401, body: { error: { code: 'token_expired', message: 'expired' } } },
      'POST /api/auth/refresh': { status: 200, body: { user: user(ALICE, 'Alice'), accessToken: tokenFor(ALICE) } },
    };
    const client = new ApiClient();
    client.setAccessToken(tokenFor(BOB));

    await expect(client.request('POST', '/cards', { body: {}, asUser: BOB })).rejects.toBeInstanceOf(SessionMismatch);
    expect(requests).toEqual(['POST /cards', 'POST /api/auth/refresh']);
  });
});
