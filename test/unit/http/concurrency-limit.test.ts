import express from 'express';
import request from 'supertest';
import { concurrencyLimit } from '../../../src/adapters/http/middleware/concurrency';

/** An app whose one route holds its turn until the test lets it finish. */
const gatedApp = () => {
  const gates: (() => void)[] = [];
  const app = express();
  app.get('/slow', concurrencyLimit({ running: 2, waiting: 1 }, 'busy', 'Busy; try again'), (_req, res) => {
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

describe('a queued request whose client goes away', () => {
  it('leaves the queue, never runs, and the slots stay usable', async () => {
    const gates: (() => void)[] = [];
    let started = 0;
    const app = express();
    app.get('/slow', concurrencyLimit({ running: 1, waiting: 4 }, 'busy', 'Busy; try again'), (_req, res) => {
      started++;
      gates.push(() => res.send('done'));
    });
    const server = app.listen(0);
    try {
      const port = (server.address() as { port: number }).port;
      const first = request(server)
        .get('/slow')
        .then((r) => r.status);
      await until(() => gates.length === 1);
      // Four requests queue behind it and give up while waiting.
      const aborts = [0, 1, 2, 3].map(() => new AbortController());
      const gone = aborts.map((a) => fetch(`http://127.0.0.1:${port}/slow`, { signal: a.signal }).catch(() => null));
      await new Promise((r) => setTimeout(r, 100));
      aborts.forEach((a) => a.abort());
      await Promise.all(gone);
      await new Promise((r) => setTimeout(r, 100));
      gates[0]?.();
      expect(await first).toBe(200);
      // None of the abandoned ones ran, and the slot and the queue are free again.
      expect(started).toBe(1);
      const again = [0, 1].map(() =>
        request(server)
          .get('/slow')
          .then((r) => r.status),
      );
      await until(() => gates.length === 2);
      gates[1]?.();
      await until(() => gates.length === 3);
      gates[2]?.();
      expect(await Promise.all(again)).toEqual([200, 200]);
    } finally {
      server.close();
    }
  });
});
