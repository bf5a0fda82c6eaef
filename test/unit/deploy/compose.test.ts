import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// No container engine runs in CI, so the deployment files are checked as data: what would break `up`.
const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
}

const compose = parse(read('docker-compose.shards.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const SHARDS = ['shard-0', 'shard-1', 'shard-2'];
const APPS = ['app1', 'app2'];

const service = (name: string): Service => {
  const s = services[name];
  if (!s) throw new Error(`compose has no service ${name}`);
  return s;
};

const env = (name: string, key: string): string => {
  const value = service(name).environment?.[key];
  if (value === undefined) throw new Error(`${name} has no ${key}`);
  return value;
};

/** `shard-0=postgres://…,shard-1=…` as [id, host] pairs. */
const shardUrlHosts = (value: string): [string, string][] =>
  value.split(',').map((pair) => {
    const [id, url] = pair.split(/=(.*)/s) as [string, string];
    return [id, new URL(url).hostname];
  });

describe('docker-compose.shards.yml', () => {
  it.each(['catalog', ...SHARDS])('runs %s on postgres:17 with a readiness healthcheck and its own volume', (name) => {
    const db = service(name);
    expect(db.image).toBe('postgres:17');
    expect(db.healthcheck?.test?.join(' ')).toContain('pg_isready');
    const [volume] = (db.volumes ?? [])[0]?.split(':') ?? [];
    expect(compose.volumes).toHaveProperty(volume ?? '');
  });

  it('gives every database server a different volume', () => {
    const volumes = ['catalog', ...SHARDS].map((name) => service(name).volumes?.[0]?.split(':')[0]);
    expect(new Set(volumes).size).toBe(4);
  });

  it.each(APPS)('%s names exactly the three shard services in SHARD_URLS', (app) => {
    const pairs = shardUrlHosts(env(app, 'SHARD_URLS'));
    expect(pairs.map(([id]) => id)).toEqual(SHARDS);
    expect(pairs.map(([, host]) => host)).toEqual(SHARDS);
    for (const [, host] of pairs) expect(services).toHaveProperty([host]);
  });

  it.each(APPS)('%s points at the catalog and Redis services and runs on Postgres storage', (app) => {
    expect(env(app, 'STORAGE')).toBe('postgres');
    expect(new URL(env(app, 'CATALOG_URL')).hostname).toBe('catalog');
    expect(new URL(env(app, 'REDIS_URL')).hostname).toBe('redis');
    expect(env(app, 'JWT_SECRET')).toMatch(/^\$\{JWT_SECRET:\?/);
  });

  it('runs Redis 7 with a healthcheck that the apps wait for', () => {
    expect(service('redis').image).toBe('redis:7');
    expect(service('redis').healthcheck?.test).toContain('ping');
    for (const app of APPS) expect(service(app).depends_on?.redis?.condition).toBe('service_healthy');
  });

  it('migrates once, after every database is healthy, before either app starts', () => {
    const migrate = service('migrate');
    expect(migrate.command).toEqual(['boardroom', 'migrate']);
    expect(migrate.build).toBeDefined();
    for (const db of ['catalog', ...SHARDS]) expect(migrate.depends_on?.[db]?.condition).toBe('service_healthy');
    for (const app of APPS) expect(service(app).depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(env('migrate', 'SHARD_URLS')).toBe(env('app1', 'SHARD_URLS'));
  });

  it('builds both apps from the Dockerfile as the same image', () => {
    for (const app of APPS) expect(service(app)).toMatchObject({ build: '.', image: service('migrate').image });
  });

  it('exposes only the load balancer, on :8080, configured by deploy/nginx.conf', () => {
    const published = Object.entries(services).filter(([, s]) =>
      (s.ports ?? []).some((p) => !p.startsWith('127.0.0.1:')),
    );
    expect(published.map(([name]) => name)).toEqual(['lb']);
    expect(service('lb').ports).toEqual(['8080:80']);
    expect(service('lb').volumes).toContain('./deploy/nginx.conf:/etc/nginx/nginx.conf:ro');
  });

  it('runs Prometheus and Grafana on localhost only, with their configuration from deploy/', () => {
    expect(service('prometheus').ports).toEqual(['127.0.0.1:9090:9090']);
    expect(service('prometheus').volumes).toContain('./deploy/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
    expect(service('prometheus').volumes).toContain('./deploy/alerts.yml:/etc/prometheus/alerts.yml:ro');
    expect(service('grafana').ports).toEqual(['127.0.0.1:3001:3000']);
    expect(service('grafana').volumes).toContain('./deploy/grafana/provisioning:/etc/grafana/provisioning:ro');
    expect(service('grafana').volumes).toContain(
      './deploy/grafana/boardroom.json:/var/lib/grafana/dashboards/boardroom.json:ro',
    );
    for (const app of APPS) expect(service('prometheus').depends_on?.[app]?.condition).toBe('service_healthy');
  });
});

describe('deploy/prometheus.yml and the Grafana dashboard', () => {
  const prometheus = parse(read('deploy/prometheus.yml')) as {
    rule_files: string[];
    scrape_configs: { job_name: string; metrics_path?: string; static_configs: { targets: string[] }[] }[];
  };
  const dashboard = JSON.parse(read('deploy/grafana/boardroom.json')) as {
    uid: string;
    panels: { title: string; datasource: { uid: string }; targets: { expr: string }[] }[];
  };
  const datasources = parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as {
    datasources: { uid: string; url: string }[];
  };
  const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
  const sources = [
    'src/adapters/observability',
    'src/adapters/http/middleware',
    'src/adapters/ws',
    'src/adapters/redis',
  ]
    .flatMap((dir) => readdirSync(path.join(ROOT, dir)).map((f) => read(path.join(dir, f))))
    .join('\n');

  it('scrapes /metrics on both app instances on their private metrics port', () => {
    const job = prometheus.scrape_configs.find((j) => j.job_name === 'boardroom');
    expect(job?.metrics_path ?? '/metrics').toBe('/metrics');
    expect(job?.static_configs.flatMap((c) => c.targets)).toEqual(['app1:9464', 'app2:9464']);
    expect(prometheus.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
  });

  it('charts every series the issue names, from the provisioned Prometheus data source', () => {
    for (const series of [
      'http_requests_total',
      'http_request_duration_seconds_bucket',
      'ws_connections',
      'events_published_total',
      'events_delivered_total',
      'event_fanout_latency_seconds_bucket',
      'db_query_duration_seconds_bucket',
      'db_pool_saturation_ratio',
      'tenant_move_progress_ratio',
    ])
      expect(exprs.join('\n')).toContain(series);
    expect(new Set(dashboard.panels.map((p) => p.datasource.uid))).toEqual(new Set([datasources.datasources[0]?.uid]));
    expect(datasources.datasources[0]?.url).toBe('http://prometheus:9090');
  });

  it('only queries series the code defines (no dashboard drift)', () => {
    const names = new Set(
      exprs.flatMap((e) => e.match(/\b[a-z_]+_(?:total|seconds|bucket|ratio|requests|connections|progress)\b/g) ?? []),
    );
    const undefinedNames = [...names].filter((n) => !sources.includes(`'${n.replace(/_bucket$/, '')}'`));
    expect(undefinedNames).toEqual([]);
  });
});

describe('deploy/nginx.conf', () => {
  const conf = read('deploy/nginx.conf');
  const wsBlock = conf.slice(conf.indexOf('location /ws'), conf.indexOf('}', conf.indexOf('location /ws')));

  it('balances over both app instances', () => {
    expect(conf).toMatch(/server app1:3000/);
    expect(conf).toMatch(/server app2:3000/);
  });

  it('passes WebSocket upgrades on /ws with HTTP/1.1 and the Upgrade and Connection headers', () => {
    expect(wsBlock).toContain('proxy_http_version 1.1;');
    expect(wsBlock).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(wsBlock).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(conf).toMatch(/map \$http_upgrade \$connection_upgrade \{[^}]*default upgrade;/);
  });

  it('never serves /metrics to the public', () => {
    expect(conf).toMatch(/location = \/metrics \{\s*return 404;\s*\}/);
  });

  it('keeps idle WebSockets open far longer than the 30 s heartbeat', () => {
    const seconds = Number(/proxy_read_timeout (\d+)s;/.exec(wsBlock)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(300);
  });
});

describe('Dockerfile', () => {
  const lines = read('Dockerfile')
    .split('\n')
    .map((l) => l.trim());
  const stages = lines.filter((l) => /^FROM\s/i.test(l));
  const finalStage = lines.slice(lines.lastIndexOf(stages.at(-1) ?? ''));

  it('is multi-stage and ends on node:20-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.at(-1)).toMatch(/^FROM node:20-slim\b/);
  });

  it('runs the final stage as a non-root user', () => {
    const users = finalStage.filter((l) => /^USER\s/.test(l)).map((l) => l.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0', '0:0']).not.toContain(users.at(-1));
  });

  it('checks health on /healthz and starts the server without an npm wrapper', () => {
    expect(finalStage.some((l) => l.startsWith('HEALTHCHECK'))).toBe(true);
    expect(finalStage.join('\n')).toContain('/healthz');
    const cmd = finalStage.filter((l) => l.startsWith('CMD')).at(-1) ?? '';
    expect(cmd).toContain('src/main.ts');
    expect(cmd).not.toMatch(/npm|npx/);
  });

  it('keeps local state and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'data', '.env', '.git']) expect(ignored).toContain(entry);
  });
});
