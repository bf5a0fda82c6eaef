import { existsSync } from 'node:fs';
import path from 'node:path';
import { ProcSampler } from '../lib/proc';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/report';

/** What bench/move-team.ts (owned by the tenant-move work) is expected to export. */
type MoveBenchmark = (opts: {
  readonly env: ScenarioContext['env'];
  readonly crew: ScenarioContext['crew'];
  readonly quick: boolean;
}) => Promise<Partial<Pick<ScenarioResult, 'figures' | 'latencies' | 'targets' | 'notes'>>>;

// Loaded by path, not imported, so the bench type-checks and runs whether or not that file exists yet.
const load = (): MoveBenchmark | null => {
  const file = path.join(__dirname, '..', 'move-team.ts');
  if (!existsSync(file)) return null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { runMoveBenchmark?: unknown };
  return typeof mod.runMoveBenchmark === 'function' ? (mod.runMoveBenchmark as MoveBenchmark) : null;
};

export const tenantMoveScenario: Scenario = {
  id: '7',
  title: 'Tenant move (bench/move-team.ts runMoveBenchmark)',
  run: async (ctx): Promise<ScenarioResult> => {
    const run = load();
    const base = { id: '7', title: tenantMoveScenario.title, latencies: {}, targets: [], figures: {} };
    if (run === null)
      return { ...base, usage: [], notes: ['skipped: bench/move-team.ts does not export runMoveBenchmark yet'] };
    const sampler = new ProcSampler(ctx.env.watched);
    sampler.start();
    const out = await run({ env: ctx.env, crew: ctx.crew, quick: ctx.quick });
    return {
      ...base,
      figures: out.figures ?? {},
      latencies: out.latencies ?? {},
      targets: out.targets ?? [],
      usage: sampler.stop(),
      notes: out.notes ?? [],
    };
  },
};
