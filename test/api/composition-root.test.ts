import pino from 'pino';
import request from 'supertest';
import { configFromEnv } from '../../src/adapters/config/config';
import { TOKENS } from '../../src/adapters/tokens';
import { buildContainer } from '../../src/composition-root';

describe('the composition root', () => {
  const spec = {
    config: configFromEnv({ STORAGE: 'memory' }),
    jwtSecret: 'composition-root-test-secret-of-32+-chars',
    logger: pino({ level: 'silent' }),
  };

  it('wires the memory module into a working HTTP app', async () => {
    const http = buildContainer(spec).get(TOKENS.HttpApp);
    const signup = await request(http)
      .post('/api/auth/signup')
      .send({ email: 'root@example.com', password: 'long enough password', name: 'Root' });
    const team = await request(http)
      .post('/api/teams')
      .set('Authorization', `Bearer ${signup.body.accessToken}`)
      .send({ name: 'Wired' });

    expect(signup.status).toBe(201);
    expect(team.status).toBe(201);
  });

  it('gives each container its own storage and one Application per container', () => {
    const a = buildContainer(spec);
    const b = buildContainer(spec);

    expect(a.get(TOKENS.Application)).toBe(a.get(TOKENS.Application));
    expect(a.get(TOKENS.Boards)).not.toBe(b.get(TOKENS.Boards));
  });
});
