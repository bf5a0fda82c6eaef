import express from 'express';
import request from 'supertest';
import { concurrencyLimit } from '../../../src/adapters/http/middleware/concurrency';

/** An app whose one route holds its turn until the test lets it finish. */
const gatedApp = () => {
  const gates: (() => void)[] = [];
  const app = express();
  app.get('/slow', concurrencyLimit({ running: 2, waiting: 1 }, 'busy'), (_req, res) => {
    gates.push(() => res.send('done'));
  });
  return { app, gates };
};

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('a per-instance concurrency limit on an expensive route', () => {
  it('runs two at once, queues one, and tells the fourth to retry later', async () => {
    const { app, gates } = gatedApp();
    const server = app.listen(0);
    try {
      const agent = request(server);
      const pending = [0, 1, 2].map(() => agent.get('/slow').then((r) => r.status));
      await until(() => gates.length === 2);
      const refused = await agent.get('/slow');
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.body.error.code).toBe('busy');
      expect(gates).toHaveLength(2);
      gates[0]?.();
      await until(() => gates.length === 3);
      gates[1]?.();
      gates[2]?.();
      expect(await Promise.all(pending)).toEqual([200, 200, 200]);
    } finally {
      server.close();
    }
  });

  it('a client that goes away gives its turn back', async () => {
    const { app, gates } = gatedApp();
    const server = app.listen(0);
    try {
      const port = (server.address() as { port: number }).port;
      const aborts = [new AbortController(), new AbortController()];
      const gone = aborts.map((a) => fetch(`http://127.0.0.1:${port}/slow`, { signal: a.signal }).catch(() => null));
      await until(() => gates.length === 2);
      aborts.forEach((a) => a.abort());
      await Promise.all(gone);
      const next = request(server)
        .get('/slow')
        .then((r) => r.status);
      await until(() => gates.length === 3);
      gates[2]?.();
      expect(await next).toBe(200);
    } finally {
      server.close();
    }
  });
});
