import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { call, PASSWORD } from '../faults/support/api';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../..');
let child: ChildProcess;
let output = '';
let base = '';

beforeAll(async () => {
  // Sentry patches process-wide state (console, http, globals), so the app runs in a process of its own.
  child = spawn(process.execPath, ['--import', 'tsx', 'test/faults/support/sentry-app.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const deadline = Date.now() + 30_000;
  while (!/^PORT \d+$/m.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`sentry app did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  base = `http://127.0.0.1:${/^PORT (\d+)$/m.exec(output)?.[1]}`;
});

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

/** Stops the app (it flushes Sentry first) and answers the envelopes it recorded, raw and as events. */
const recorded = async () => {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  const envelopes = output
    .split('\n')
    .filter((l) => l.startsWith('ENVELOPE '))
    .map((l) => JSON.parse(l.slice('ENVELOPE '.length)) as string);
  const events = envelopes.flatMap((envelope) => {
    const lines = envelope.split('\n').filter(Boolean);
    const found: Record<string, unknown>[] = [];
    for (let i = 1; i + 1 < lines.length; i += 2) {
      const header = JSON.parse(lines[i] as string) as { type?: string };
      if (header.type === 'event') found.push(JSON.parse(lines[i + 1] as string) as Record<string, unknown>);
    }
    return found;
  });
  return { raw: envelopes.join('\n'), events };
};

describe('Sentry', () => {
  it('captures an unhandled route error with the method, path and request id, and nothing secret', async () => {
    const signup = await call(base, 'POST', '/api/auth/signup', {
      body: { email: 'sentry@example.com', password: PASSWORD, name: 'Sam' },
    });
    const token = signup.body.accessToken as string;
    const cookie = signup.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^br_refresh=./);
    const team = await call(base, 'POST', '/api/teams', { token, body: { name: 'Ops' } });
    const path = `/api/teams/${(team.body.team as { id: string }).id}/boards`;

    const res = await call(base, 'GET', `${path}?access_token=${token}`, {
      token,
      headers: { cookie, 'x-request-id': 'req-sentry-1' },
    });
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('disk on fire');

    const { raw, events } = await recorded();
    const captured = events.filter((e) => JSON.stringify(e.exception).includes('shard disk on fire'));
    expect(captured).toHaveLength(1);
    const event = captured[0] as { tags?: Record<string, string>; contexts?: Record<string, unknown> };
    expect(event.tags?.request_id).toBe('req-sentry-1');
    expect(event.contexts?.request).toEqual({ method: 'GET', url: path, requestId: 'req-sentry-1' });
    expect(raw).not.toContain(token);
    expect(raw).not.toContain(cookie.split('=')[1] as string);
    expect(raw).not.toContain(PASSWORD);
  });
});
