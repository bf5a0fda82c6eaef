import type { BenchEnv } from '../env/environment';
import { ProcSampler } from './proc';
import type { Swarm } from './swarm';

/** A sampler over the servers and the swarm's client processes. */
export const samplerWithClients = (env: BenchEnv, swarm: Swarm): ProcSampler =>
  new ProcSampler([
    ...env.watched,
    ...swarm.pids.map((pid, i) => ({ name: `clients ${i}`, pid, withChildren: false })),
  ]);

/** Postgres wait-event shares as report figures. */
export const waitFigures = (waited: Record<string, string>, label = 'pg backends'): Record<string, string> =>
  Object.fromEntries(Object.entries(waited).map(([k, v]) => [`${label}: ${k}`, v]));

export const sumOf = <T>(items: readonly T[], f: (t: T) => number): number => items.reduce((s, x) => s + f(x), 0);
