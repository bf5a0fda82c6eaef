import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Pool } from 'pg';
import type { LeasePhase } from '../../../src/shard-router/move';
import type { TestCluster } from '../../harness/cluster';
import type { SeededTeam } from '../support';
import { teamRows } from './setup';
import { eventually as waitFor } from '../../support/wait';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Runs a mover (mover-child.ts) in a child process until it reports `stopAt`, then SIGKILLs it:
 * a mover that dies there, holding whatever it held.
 */
export const killMoverAt = async (
  cluster: TestCluster,
  teamId: string,
  to: string,
  stopAt: LeasePhase,
  leaseMs = 60_000,
): Promise<void> => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/move/mover-child.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      CATALOG_URL: cluster.catalogUrl,
      SHARD_URLS: cluster.shardUrls,
      TEAM_ID: teamId,
      TO: to,
      STOP_AT: stopAt,
      LEASE_MS: String(leaseMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (!output.includes(`at ${stopAt}\n`)) return;
      clearInterval(poll);
      resolve();
    }, 20);
    void exited.then(() => {
      clearInterval(poll);
      reject(new Error(`the mover ended before ${stopAt}: ${output}`));
    });
  });
  child.kill('SIGKILL');
  await exited;
};

/** A REST write on the team's board; answers the new card's id when it was acknowledged. */
export const createCard = async (url: string, team: SeededTeam, title: string): Promise<string | null> => {
  const res = await fetch(`${url}/api/teams/${team.teamId}/boards/${team.boardId}/cards`, {
    method: 'POST',
    headers: { authorization: `Bearer ${team.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ listId: team.lists[0], title }),
  });
  if (res.status !== 201) return null;
  return ((await res.json()) as { card: { id: string } }).card.id;
};

/** The card ids the team's board shows now. */
export const cardIds = async (url: string, team: SeededTeam): Promise<string[]> => {
  const res = await fetch(`${url}/api/teams/${team.teamId}/boards/${team.boardId}`, {
    headers: { authorization: `Bearer ${team.token}` },
  });
  return ((await res.json()) as { cards: { id: string }[] }).cards.map((c) => c.id);
};

/** The team's fence and row count on one shard. */
export const shardState = async (pool: Pool, teamId: string) => {
  const { rows } = await pool.query<{ epoch: number; state: string }>(
    'SELECT epoch::int AS epoch, state FROM tenant_fence WHERE team_id = $1',
    [teamId],
  );
  const counts = await teamRows(pool, teamId);
  return { fence: rows[0] ?? null, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
};

/** Polls `check` until it holds; a move takes longer than most conditions, so it fails after 15 s by default. */
export const eventually = (check: () => Promise<boolean>, ms = 15_000): Promise<void> => waitFor(check, ms, 100);
