import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { eventually as waitFor } from '../../support/wait';

const ROOT = path.resolve(__dirname, '../../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'e2e');

/** Debian's Chromium (installed by .ci/run); CHROMIUM_PATH overrides it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export { buildWeb } from './build-web';

/**
 * What the browser-test servers put in mailed links. They bind PORT=0 and learn their port only once up,
 * so links name this origin and tests swap in the server's own (`server.url`).
 */
export const E2E_PUBLIC_URL = 'http://boardroom.test';

export interface RunningServer {
  readonly url: string;
  /** The server's DATA_DIR; mail it sends is written to `outbox/` in it. */
  readonly dataDir: string;
  readonly stop: () => Promise<void>;
}

/**
 * Starts the server (in-memory storage, web app mounted) on PORT=0, so it binds a port of the kernel's
 * choosing and prints it (test/e2e/support/server.ts); resolves once it says it listens.
 */
export const startServer = async (): Promise<RunningServer> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'br-e2e-'));
  const env = {
    ...process.env,
    PORT: '0',
    STORAGE: 'memory',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    // Links in e-mails (password reset) point at this server.
    PUBLIC_URL: E2E_PUBLIC_URL,
    // Seeding a 5,000-card board through the API is one user's burst; the per-user limit is not under test here.
    MUTATION_BURST: '100000',
    // Every browser test signs its people up from 127.0.0.1; the sign-up budget per IP is not under test here.
    SIGNUPS_PER_IP: '100000',
  };
  const child: ChildProcess = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['test/e2e/support/server.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  let port: number | null = null;
  for (let i = 0; i < 600 && port === null; i++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    port = Number(/listening on (\d+)/.exec(output)?.[1] ?? NaN) || null;
    if (port === null) await new Promise((r) => setTimeout(r, 50));
  }
  if (port === null) throw new Error(`server did not start:\n${output}`);
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/** A REST client for setting up users, teams and boards quickly. */
export const restAs =
  (base: string, token: string) =>
  async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${p} -> ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

export const signUp = async (base: string, name: string) => {
  const email = `${name.toLowerCase()}-${Date.now()}@example.com`;
  const res = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, email, password: 'correct horse battery' }),
  });
  if (res.status !== 201) throw new Error(`signup ${res.status} ${await res.text()}`);
  const { user, accessToken } = (await res.json()) as { user: { id: string }; accessToken: string };
  return { id: user.id, name, email, password: 'correct horse battery', api: restAs(base, accessToken) };
};
export type TestUser = Awaited<ReturnType<typeof signUp>>;

/** Makes `user` a member of the team: `owner` invites them and they accept (membership needs consent). */
export const joinTeam = async (owner: TestUser, user: TestUser, teamId: string, role: string): Promise<void> => {
  const { invitation } = await owner.api<{ invitation: { id: string } }>('POST', `/api/teams/${teamId}/invitations`, {
    email: user.email,
    role,
  });
  await user.api('POST', `/api/me/invitations/${invitation.id}/accept`);
};

/** A board of `owner`'s team with lists and their cards in the order given, seeded over REST. */
export const seedBoard = async (owner: TestUser, teamId: string, title: string, cards: Record<string, string[]>) => {
  const { board } = await owner.api<{ board: { id: string } }>('POST', `/api/teams/${teamId}/boards`, { title });
  const api = `/api/teams/${teamId}/boards/${board.id}`;
  for (const listTitle of Object.keys(cards)) {
    const { list } = await owner.api<{ list: { id: string } }>('POST', `${api}/lists`, { title: listTitle });
    for (const cardTitle of cards[listTitle] ?? [])
      await owner.api('POST', `${api}/cards`, { listId: list.id, title: cardTitle });
  }
  return { path: `/app/teams/${teamId}/boards/${board.id}`, api };
};

/** Logs in through the real login page, then opens `boardPath`. */
export const openBoardAs = async (
  context: BrowserContext,
  base: string,
  user: TestUser,
  boardPath: string,
): Promise<Page> => {
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${base}/app`);
  await page.goto(`${base}${boardPath}`);
  await page.locator('[data-testid="list"]').first().waitFor();
  return page;
};

/** Card titles of every list on the page, in display order. */
export const boardTitles = (page: Page): Promise<Record<string, string[]>> =>
  page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const list of Array.from(document.querySelectorAll('[data-testid="list"]'))) {
      const name = list.getAttribute('aria-label') ?? '';
      out[name] = Array.from(list.querySelectorAll('[data-testid="card"] > span:first-child')).map(
        (e) => e.textContent ?? '',
      );
    }
    return out;
  });

/** Polls until `check` passes or the time is up (then it throws the last failure). */
export const eventually = (check: () => Promise<void>, timeoutMs = 15_000): Promise<void> =>
  waitFor(check, timeoutMs, 200);
