// `npm run bench [-- --quick] [-- --only 1,3] [-- --profile]`: starts 2 Boardroom instances on durable
// Postgres shards and Redis, runs the scenarios one after another, prints a table per scenario and
// writes bench/results/*.json. docs/benchmarks.md explains each scenario.
import os from 'node:os';
import { startEnv } from './env/environment';
import { formatResult, machine, writeResults, type Scenario, type ScenarioResult } from './lib/report';
import { Crew } from './lib/crew';
import { formatSummary, issueSummary } from './lib/summary';
import { attachmentsScenario } from './scenarios/attachments';
import { boardDragScenario } from './scenarios/board-drag';
import { cardModelBoardScenario } from './scenarios/card-model-board';
import { fanOutScenario } from './scenarios/fan-out';
import { largeBoardScenario } from './scenarios/large-board';
import { latencyScenario } from './scenarios/latency';
import { latencyUnderLoadScenario } from './scenarios/latency-under-load';
import { oneBoardRateScenario } from './scenarios/one-board-rate';
import { reconnectScenario } from './scenarios/reconnect';
import { socketsScenario } from './scenarios/sockets';
import { staleAnchorsScenario } from './scenarios/stale-anchors';
import { tenantMoveScenario } from './scenarios/tenant-move';
import { teamSearchScenario } from './scenarios/team-search';
import { throughputScenario } from './scenarios/throughput';
import { trelloImportScenario } from './scenarios/trello-import';

const SCENARIOS: readonly Scenario[] = [
  latencyScenario,
  throughputScenario,
  fanOutScenario,
  socketsScenario,
  reconnectScenario,
  largeBoardScenario,
  tenantMoveScenario,
  boardDragScenario,
  latencyUnderLoadScenario,
  oneBoardRateScenario,
  staleAnchorsScenario,
  cardModelBoardScenario,
  teamSearchScenario,
  attachmentsScenario,
  trelloImportScenario,
];

// The fan-out scenario is owned elsewhere and tags no issue target: all its checks are T7's.
const summaryOf = (results: readonly ScenarioResult[]) => issueSummary(results, { T7: fanOutScenario.id });

// Enough users that no scenario runs into the per-user mutation budget (throughput takes 200 at once,
// the one-board scenario 86 and the stale-anchor one 50).
const crewSize = (quick: boolean) => (quick ? 90 : 220);

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
  const started = new Date();
  console.log(`Boardroom bench${args.quick ? ' (quick)' : ''} on ${JSON.stringify(machine())}`);
  const env = await startEnv({ profile: args.profile });
  const results: ScenarioResult[] = [];
  try {
    const crewStart = Date.now();
    const crew = await Crew.create(env.instances[0].url, crewSize(args.quick));
    console.log(`signed up ${crew.members.length} users in one team in ${Date.now() - crewStart} ms`);
    for (const scenario of SCENARIOS) {
      if (args.only && !args.only.has(scenario.id)) continue;
      console.log(`\n-- running ${scenario.id}. ${scenario.title}`);
      try {
        // Other work on the machine skews every figure; the load before each scenario says how much.
        const load = os.loadavg()[0]?.toFixed(2);
        const began = Date.now();
        const ran = await scenario.run({ env, crew, quick: args.quick });
        const notes = [`1-min load average before: ${load}; took ${Math.round((Date.now() - began) / 1000)} s`];
        const result = { ...ran, notes: [...ran.notes, ...notes] };
        results.push(result);
        console.log(formatResult(result));
        await writeResults(results, args.quick, started, summaryOf(results));
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
  const summary = summaryOf(results);
  console.log(formatSummary(summary));
  const file = await writeResults(results, args.quick, started, summary);
  console.log(`\nwrote ${file} in ${Math.round((Date.now() - started.getTime()) / 1000)} s`);
  if (args.profile)
    console.log(
      'CPU profiles of the servers: .tmp/bench-profiles/*.cpuprofile (the largest per pid is the main thread)',
    );
};

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
