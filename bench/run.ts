// `npm run bench [-- --quick] [-- --only 1,3] [-- --profile]`: starts 2 Boardroom instances on durable
// Postgres shards and Redis, runs the scenarios one after another, prints a table per scenario and
// writes bench/results/*.json. docs/benchmarks.md explains each scenario.
import { startEnv } from './env/environment';
import { formatResult, machine, writeResults, type Scenario, type ScenarioResult } from './lib/report';
import { signUp } from './lib/rest';
import { fanOutScenario } from './scenarios/fan-out';
import { largeBoardScenario } from './scenarios/large-board';
import { latencyScenario } from './scenarios/latency';
import { reconnectScenario } from './scenarios/reconnect';
import { socketsScenario } from './scenarios/sockets';
import { tenantMoveScenario } from './scenarios/tenant-move';
import { throughputScenario } from './scenarios/throughput';

const SCENARIOS: readonly Scenario[] = [
  latencyScenario,
  throughputScenario,
  fanOutScenario,
  socketsScenario,
  reconnectScenario,
  largeBoardScenario,
  tenantMoveScenario,
];

const parseArgs = (argv: readonly string[]) => {
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? argv[argv.indexOf('--only') + 1];
  return {
    quick: argv.includes('--quick'),
    profile: argv.includes('--profile'),
    only: argv.some((a) => a.startsWith('--only')) && only ? new Set(only.split(',')) : null,
  };
};

const main = async () => {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  console.log(`Boardroom bench${args.quick ? ' (quick)' : ''} on ${JSON.stringify(machine())}`);
  const env = await startEnv({ profile: args.profile });
  const results: ScenarioResult[] = [];
  try {
    const session = await signUp(env.instances[0].url, 'bench');
    for (const scenario of SCENARIOS) {
      if (args.only && !args.only.has(scenario.id)) continue;
      console.log(`\n-- running ${scenario.id}. ${scenario.title}`);
      try {
        const result = await scenario.run({ env, session, quick: args.quick });
        results.push(result);
        console.log(formatResult(result));
      } catch (err) {
        console.error(`scenario ${scenario.id} failed: ${err instanceof Error ? err.stack : String(err)}`);
        results.push({
          id: scenario.id,
          title: scenario.title,
          figures: { failed: err instanceof Error ? err.message : String(err) },
          latencies: {},
          targets: [],
          usage: [],
          notes: [],
        });
      }
    }
  } finally {
    await env.stop();
  }
  const file = await writeResults(results, args.quick);
  console.log(`\nwrote ${file} in ${Math.round((Date.now() - started) / 1000)} s`);
  if (args.profile) console.log('CPU profiles of the servers: bench/results/profiles/*.cpuprofile');
};

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
