import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user (postgres runs as its own user under root).
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const procText = (pid: number, file: string): Promise<string> =>
  readFile(`/proc/${pid}/${file}`, 'utf8').catch(() => '');

const parentOf = async (pid: number): Promise<number> => {
  // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after the last ')'.
  const stat = await procText(pid, 'stat');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? 0);
};

const waitForExit = async (pid: number, ms: number): Promise<boolean> => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !alive(pid);
};

/**
 * Makes a crashed run's leftovers harmless before starting the server in `dataDir`:
 * - postmaster.pid naming a dead process, or a pid now reused by something that is not postgres, is
 *   removed (Postgres itself refuses to start when the recorded pid is alive, whatever it is);
 * - a postgres orphaned by a killed `npm start` (its parent gone) is shut down, so its port and data
 *   directory are free again;
 * - a postgres whose parent is alive belongs to another running instance: that is an error, not a leftover.
 */
export const clearStalePid = async (dataDir: string): Promise<void> => {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const [pidLine, dirLine] = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(pidLine);
  const isOurPostgres =
    Number.isInteger(pid) &&
    pid > 0 &&
    alive(pid) &&
    (await procText(pid, 'cmdline')).includes('postgres') &&
    path.resolve(dirLine ?? '') === path.resolve(dataDir);
  if (!isOurPostgres) {
    await rm(pidFile, { force: true });
    return;
  }
  const parent = await parentOf(pid);
  if (parent > 1 && alive(parent) && !(await procText(parent, 'cmdline')).includes('postgres')) {
    throw new Error(`Postgres data directory ${dataDir} is in use by server pid ${pid} (started by pid ${parent})`);
  }
  // SIGINT is Postgres' "fast" shutdown: roll back open transactions, checkpoint, exit.
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 30_000))) throw new Error(`Orphaned postgres pid ${pid} did not stop`);
};
