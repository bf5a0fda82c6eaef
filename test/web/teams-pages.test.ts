/**
 * @jest-environment node
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpApp } from '../../src/adapters/http/app';
import { createLogger } from '../../src/adapters/observability/logger';
import { ApiClient } from '../../web/src/api/client';
import { fetchAllTeams, type TeamsPage } from '../../web/src/api/teams';
import { buildMemoryApp } from '../support/memory-app';
import { cheapHasher } from '../unit/application/fixtures';

let server: Server;
let api: ApiClient;

beforeAll(async () => {
  const { app } = buildMemoryApp({ passwords: cheapHasher() });
  const http = createHttpApp(app, {
    allowedOrigins: [],
    cookieSecure: false,
    logger: createLogger({ level: 'silent' }),
  });
  server = await new Promise<Server>((resolve) => {
    const s = http.listen(0, () => resolve(s));
  });
  api = new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const session = await api.request<{ accessToken: string }>('POST', '/api/auth/signup', {
    body: { email: 'many@example.com', password: 'correct horse battery', name: 'Many' },
  });
  api.setAccessToken(session.accessToken);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('the web client lists every team of someone in more teams than one page holds', async () => {
  const names = Array.from({ length: 120 }, (_, i) => `Team ${String(i).padStart(3, '0')}`);
  for (const name of names) await api.request('POST', '/api/teams', { body: { name } });
  const pages: string[] = [];

  const teams = await fetchAllTeams((path) => {
    pages.push(path);
    return api.request<TeamsPage<{ name: string }>>('GET', path);
  });

  expect(teams.map((t) => t.name)).toEqual(names);
  expect(pages).toHaveLength(3);
});
