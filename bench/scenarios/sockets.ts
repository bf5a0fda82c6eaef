import { fdLimit, openFds, ProcSampler, rssKb } from '../lib/proc';
import type { Scenario, ScenarioResult } from '../lib/report';
import { sleep } from '../lib/stats';
import { Swarm } from '../lib/swarm';

const WORKERS = 4;
const TARGET = 20_000;
// Descriptors the server needs besides client sockets (pools, Redis, listening socket, stdio, tsx).
const FD_HEADROOM = 100;

export const socketsScenario: Scenario = {
  id: '4',
  title: 'Idle authenticated sockets on one instance',
  run: async (ctx): Promise<ScenarioResult> => {
    const a = ctx.env.instances[0];
    const wanted = ctx.quick ? 2000 : TARGET;
    // The machine's hard open-files limit (20,000 here, not raisable) caps sockets per process.
    const room = fdLimit(a.pid) - openFds(a.pid) - FD_HEADROOM;
    const count = Math.floor(Math.min(wanted, room) / WORKERS) * WORKERS;
    const swarm = Swarm.start(WORKERS);
    try {
      await sleep(1000);
      const before = rssKb(a.pid);
      const sampler = new ProcSampler([ctx.env.watched[0] ?? { name: 'server A', pid: a.pid, withChildren: false }]);
      sampler.start();
      const started = Date.now();
      await swarm.each(() => ({
        cmd: 'connect',
        urls: [a.wsUrl],
        token: ctx.crew.session().token,
        count: count / WORKERS,
        board: null,
        concurrency: 100,
      }));
      const connectMs = Date.now() - started;
      await sleep(3000);
      const usage = sampler.stop();
      const after = rssKb(a.pid);
      const perSocketKb = (after - before) / count;
      const rssMb = Math.round(after / 1024);
      const projected = Math.round((before + perSocketKb * TARGET) / 1024);
      return {
        id: '4',
        title: socketsScenario.title,
        figures: {
          sockets: count,
          'time to connect and authenticate all': `${connectMs} ms`,
          'connections/s': Math.round(count / (connectMs / 1000)),
          'server A RSS before / after': `${Math.round(before / 1024)} MB / ${rssMb} MB`,
          'RSS per socket': `${perSocketKb.toFixed(1)} kB`,
          'RSS projected for 20,000 sockets': `${projected} MB`,
        },
        latencies: {},
        targets: [
          {
            name: '20,000 sockets RSS',
            target: '<= 500 MB',
            actual: count >= TARGET ? `${rssMb} MB` : `${projected} MB (projected from ${count})`,
            met: (count >= TARGET ? rssMb : projected) <= 500,
          },
        ],
        usage,
        notes: [
          `${WORKERS} client processes, 100 handshakes in flight each; sockets send auth and nothing else`,
          ...(count < wanted
            ? [`open-files limit ${fdLimit(a.pid)} leaves room for ${count} sockets, not ${wanted}`]
            : []),
          'RSS after a 3 s settle, without forcing a GC in the server',
        ],
      };
    } finally {
      await swarm.stop();
    }
  },
};
