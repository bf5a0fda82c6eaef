import { call, PASSWORD, seedBoard } from '../faults/support/api';
import { useInProcess } from '../faults/support/stack';

jest.setTimeout(60_000);

const world = useInProcess({ shards: 2 });

const completed = (reqId: string) =>
  world.instance.logs().filter((line) => line.msg === 'request completed' && line.reqId === reqId);

describe('request log lines', () => {
  it('carry the request id, user id, team id and shard of a board request', async () => {
    const seeded = await seedBoard(world.instance.url, 'Logan');
    const res = await call(world.instance.url, 'POST', `${seeded.boardPath}/cards`, {
      token: seeded.token,
      body: { listId: seeded.listId, title: 'Logged' },
      headers: { 'x-request-id': 'req-log-1' },
    });
    expect(res.status).toBe(201);

    const [line, ...others] = completed('req-log-1');
    expect(others).toEqual([]);
    expect(line).toMatchObject({
      reqId: 'req-log-1',
      userId: seeded.userId,
      teamId: seeded.teamId,
      status: 201,
      method: 'POST',
    });
    expect(line?.shard).toMatch(/^shard-[01]$/);
  });

  it('never carry a password, an access token, a refresh cookie or an Authorization header', async () => {
    const email = `secret-${Date.now()}@example.com`;
    const signup = await call(world.instance.url, 'POST', '/api/auth/signup', {
      body: { email, password: PASSWORD, name: 'Sec' },
      headers: { 'x-request-id': 'req-log-2' },
    });
    const token = signup.body.accessToken as string;
    const cookie = signup.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^br_refresh=./);
    await call(world.instance.url, 'GET', '/api/me', {
      token,
      headers: { cookie, 'x-request-id': 'req-log-3' },
    });
    await call(world.instance.url, 'POST', '/api/auth/login', { body: { email, password: 'wrong password here' } });

    expect(completed('req-log-3')[0]).toMatchObject({ userId: (signup.body.user as { id: string }).id });
    const everything = world.instance.raw.join('\n');
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain('wrong password here');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(cookie.split('=')[1] as string);
  });
});
