import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildWeb, launchBrowser } from '../e2e/support/harness';

const ROOT = path.resolve(__dirname, '../..');
const PASSWORD = 'correct horse battery staple';

interface Instance {
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | string>;
  readonly output: () => string;
}

/** `npm start` as a user runs it: embedded Postgres under `dataDir`, no Redis, the port the OS picks. */
const startOnce = (dataDir: string, pgPort: number): Promise<Instance> => {
  const env: NodeJS.ProcessEnv = { ...process.env, STORAGE: 'embedded', DATA_DIR: dataDir, PORT: '0' };
  for (const name of ['REDIS_URL', 'CATALOG_URL', 'SHARD_URLS', 'JWT_SECRET']) delete env[name];
  env.EMBEDDED_PG_PORT = String(pgPort);
  env.LOG_LEVEL = 'info';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const line = output.split('\n').find((l) => l.includes('Boardroom is listening'));
      if (line === undefined) return;
      const { url } = JSON.parse(line) as { url: string };
      resolve({ url: url.replace('localhost', '127.0.0.1'), child, exited, output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited (${code}) during start-up: ${output}`)));
  });
};

/**
 * Embedded Postgres needs fixed ports; rather than guess free ones ahead of time, try a random range
 * and move on to another when it is taken.
 */
const start = async (dataDir: string): Promise<Instance> => {
  for (let attempt = 0; ; attempt++) {
    const pgPort = 20_000 + Math.floor(Math.random() * 4_000) * 10;
    try {
      return await startOnce(dataDir, pgPort);
    } catch (err) {
      if (attempt >= 3 || !String(err).includes('port in use')) throw err;
    }
  }
};

const stop = async (instance: Instance): Promise<void> => {
  instance.child.kill('SIGTERM');
  expect(await instance.exited).toBe(0);
};

const refreshCookie = (res: globalThis.Response): string => {
  const pair = res.headers.getSetCookie().find((c) => c.startsWith('br_refresh='));
  if (pair === undefined) throw new Error('no refresh cookie');
  return pair.split(';')[0] ?? '';
};

const post = (url: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

describe('sessions across a restart (embedded mode, no Redis)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'boardroom-restart-'));
  // Run as root, embedded Postgres runs as the postgres user, which must reach the directory.
  chmodSync(dataDir, 0o755);
  let running: Instance | null = null;
  afterAll(async () => {
    if (running) running.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a person logged in before a SIGTERM and restart is still logged in: the refresh cookie still works', async () => {
    running = await start(dataDir);
    const signup = await post(`${running.url}/api/auth/signup`, {
      email: 'restart@example.com',
      password: PASSWORD,
      name: 'Rae',
    });
    expect(signup.status).toBe(201);
    const cookie = refreshCookie(signup);
    await stop(running);

    running = await start(dataDir);
    const refreshed = await post(`${running.url}/api/auth/refresh`, undefined, { cookie });
    expect(refreshed.status).toBe(200);
    const { accessToken, user } = (await refreshed.json()) as { accessToken: string; user: { email: string } };
    expect(user.email).toBe('restart@example.com');
    const me = await fetch(`${running.url}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);
    // The rotated-away cookie stays spent across the restart: presenting it again is a replay.
    expect((await post(`${running.url}/api/auth/refresh`, undefined, { cookie })).status).toBe(401);
    // The replay ended the session, its access token with it; that denial must survive a restart too.
    const meAfterReplay = () =>
      fetch(`${running!.url}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect((await meAfterReplay()).status).toBe(401);
    await stop(running);

    running = await start(dataDir);
    expect((await meAfterReplay()).status).toBe(401);
    await stop(running);
    running = null;
  }, 240_000);

  it('in the browser, a person signed in before the restart is still signed in after a reload', async () => {
    buildWeb();
    running = await start(dataDir);
    const email = `browser-${Date.now()}@example.com`;
    expect((await post(`${running.url}/api/auth/signup`, { email, password: PASSWORD, name: 'Bo' })).status).toBe(201);
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${running.url}/login`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: /log in/i }).click();
      await page.waitForURL(`${running.url}/app`);
      await stop(running);

      // The restarted server listens on a new port; the refresh cookie is per host, so it goes along.
      running = await start(dataDir);
      await page.goto(`${running.url}/app`);
      await page.getByRole('link', { name: 'Account' }).waitFor();
      expect(page.url()).toBe(`${running.url}/app`);
      await page.getByText('Bo', { exact: true }).first().waitFor();
    } finally {
      await browser.close();
    }
    await stop(running);
    running = null;
  }, 240_000);
});
