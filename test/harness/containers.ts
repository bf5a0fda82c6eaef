import { existsSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/** A Postgres server tests can create databases on; restartable servers are always embedded (postgres.ts). */
export interface PgHost {
  readonly url: string;
  readonly databaseUrl: (database: string) => string;
  readonly createDatabase: (database: string) => Promise<string>;
  readonly destroy: () => Promise<void>;
}

/** Where a Docker-compatible engine would listen, most specific first. */
const socketCandidates = (): string[] => {
  const fromEnv = process.env.DOCKER_HOST?.startsWith('unix://')
    ? [process.env.DOCKER_HOST.slice('unix://'.length)]
    : [];
  return [
    ...fromEnv,
    '/var/run/docker.sock',
    path.join(os.homedir(), '.docker/run/docker.sock'),
    path.join(os.homedir(), '.colima/default/docker.sock'),
    `/run/user/${process.getuid?.() ?? 0}/podman/podman.sock`,
  ];
};

const ping = (options: http.RequestOptions, timeoutMs: number): Promise<boolean> =>
  new Promise((resolve) => {
    const req = http.request({ ...options, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });

/**
 * True when a container engine answers a ping within `timeoutMs` (default 800 ms). Set
 * BOARDROOM_TEST_CONTAINERS=0 to always use embedded servers, =1 to insist on containers.
 */
export const containerEngineAvailable = async (timeoutMs = 800): Promise<boolean> => {
  if (process.env.BOARDROOM_TEST_CONTAINERS === '0') return false;
  const tcp = process.env.DOCKER_HOST?.match(/^tcp:\/\/([^:]+):(\d+)/);
  if (tcp) return ping({ host: tcp[1], port: Number(tcp[2]) }, timeoutMs);
  const socket = socketCandidates().find((s) => existsSync(s));
  return socket ? ping({ socketPath: socket }, timeoutMs) : false;
};

const PASSWORD = 'boardroom-test';

/** Postgres 17 in a container (testcontainers), for machines with a container engine. */
export const startPostgresContainer = async (): Promise<PgHost> => {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('postgres:17')
    .withEnvironment({ POSTGRES_PASSWORD: PASSWORD })
    .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'max_connections=300'])
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  const databaseUrl = (db: string) =>
    `postgres://postgres:${PASSWORD}@${container.getHost()}:${container.getMappedPort(5432)}/${db}`;
  return {
    url: databaseUrl('postgres'),
    databaseUrl,
    createDatabase: async (db) => {
      const c = new Client({ connectionString: databaseUrl('postgres') });
      await c.connect();
      await c.query(`CREATE DATABASE ${c.escapeIdentifier(db)}`).finally(() => c.end());
      return databaseUrl(db);
    },
    destroy: async () => {
      await container.stop();
    },
  };
};

/** Redis 7 in a container (testcontainers). */
export const startRedisContainer = async (): Promise<{ url: string; stop: () => Promise<void> }> => {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('redis:7')
    .withCommand(['redis-server', '--save', '', '--appendonly', 'no'])
    .withExposedPorts(6379)
    .withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/))
    .start();
  return {
    url: `redis://${container.getHost()}:${container.getMappedPort(6379)}`,
    stop: async () => {
      await container.stop();
    },
  };
};
