import 'reflect-metadata';
import { openPostgres } from '../../../src/adapters/storage/postgres-runtime';
import { asUuid, type TeamId } from '../../../src/domain';
import { pgMoveEnv } from '../../../src/adapters/pg/move';
import { moveTeam, type LeasePhase } from '../../../src/shard-router/move';

/**
 * A mover in a process of its own, so a test can SIGKILL it: `boardroom move-team` as the CLI runs it,
 * except that at STOP_AT it prints `at <phase>` and waits to be killed. Settings come from the
 * environment: CATALOG_URL, SHARD_URLS (`id=url,…`), TEAM_ID, TO, STOP_AT, LEASE_MS, MAX_PAUSE_MS.
 */
const main = async () => {
  const env = process.env;
  const shards = (env.SHARD_URLS ?? '').split(',').map((entry) => {
    const [id, ...url] = entry.split('=');
    return { id: id as string, url: url.join('=') };
  });
  const rt = openPostgres(env.CATALOG_URL as string, shards);
  const onPhase = async (phase: LeasePhase) => {
    if (phase !== env.STOP_AT) return;
    process.stdout.write(`at ${phase}\n`);
    await new Promise(() => undefined);
  };
  const result = await moveTeam(
    pgMoveEnv(rt, async () => undefined),
    {
      teamId: asUuid(env.TEAM_ID as string) as TeamId,
      to: env.TO as string,
      leaseMs: Number(env.LEASE_MS ?? 30_000),
      maxPauseMs: Number(env.MAX_PAUSE_MS ?? 250),
      onPhase,
    },
  )();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await rt.close();
};

void main();
