import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Ports for test servers that cannot bind port 0 themselves (postgres, redis-server).
 *
 * "Pick a free port, close it, let the server bind it later" races: in between, any process may take
 * it, and the commonest taker is not another server but an outgoing connection, whose local port the
 * kernel draws from the same ephemeral range as `listen(0)`. So ports here come from below that range,
 * where no client socket ever lands, and each is reserved with a lock file (O_EXCL, holding our pid)
 * for as long as this process may restart its server on it, so parallel jest workers and parallel
 * checkouts never hand out the same port. A reservation whose process is gone is taken over.
 * Whatever still slips through (a foreign server on the port) makes the server's bind fail, which
 * `withFreshPort` detects and answers with another port.
 */

const LOCK_DIR = path.join(os.tmpdir(), 'boardroom-test-ports');

/** The kernel's ephemeral range; ports at or above its start are drawn by outgoing connections. */
const ephemeralStart = (): number => {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const n = Number(low);
    return Number.isInteger(n) && n > 12_000 ? n : 32_768;
  } catch {
    // macOS and others: the IANA dynamic range starts at 49152.
    return 49_152;
  }
};

const RANGE_START = 10_000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const held = new Set<number>();
process.once('exit', () => held.forEach((port) => rmSync(lockFile(port), { force: true })));

const lockFile = (port: number): string => path.join(LOCK_DIR, String(port));

/** Creates the port's lock file; takes over a lock whose owner died. */
const tryLock = (port: number): boolean => {
  mkdirSync(LOCK_DIR, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile(port), 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(lockFile(port), 'utf8').trim() || NaN);
      // A lock being written has no pid yet; leave it to its writer.
      if (!Number.isInteger(owner) || alive(owner)) return false;
      rmSync(lockFile(port), { force: true });
    }
  }
  return false;
};

/** True when nothing listens on 127.0.0.1:port right now (a cheap pre-check, not a guarantee). */
const bindable = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });

/** A reserved port below the ephemeral range, nothing listening on it; held until `release` or exit. */
export interface ReservedPort {
  readonly port: number;
  readonly release: () => void;
}

export const reservePort = async (): Promise<ReservedPort> => {
  const end = ephemeralStart();
  for (let tries = 0; tries < 500; tries++) {
    const port = RANGE_START + Math.floor(Math.random() * (end - RANGE_START));
    if (!tryLock(port)) continue;
    if (!(await bindable(port))) {
      rmSync(lockFile(port), { force: true });
      continue;
    }
    held.add(port);
    return {
      port,
      release: () => {
        held.delete(port);
        rmSync(lockFile(port), { force: true });
      },
    };
  }
  throw new Error(`no free port found between ${RANGE_START} and ${end}`);
};

/** The server could not bind its port (someone else holds it); another port will do. */
export class PortInUse extends Error {}

/**
 * Starts a server on a reserved port, and on another one when its bind fails (`start` rejects with
 * PortInUse). The winning port stays reserved for the caller; the losers are released.
 */
export const withFreshPort = async <A>(
  start: (port: number) => Promise<A>,
  tries = 5,
): Promise<{ value: A; port: ReservedPort }> => {
  for (let attempt = 1; ; attempt++) {
    const port = await reservePort();
    try {
      return { value: await start(port.port), port };
    } catch (err) {
      port.release();
      if (!(err instanceof PortInUse) || attempt >= tries) throw err;
    }
  }
};

/**
 * Restarts a server on the port it had: reserved, so no other test takes it, but a foreign process
 * might; a bind failure is retried for a while before it is reported.
 */
export const onSamePort = async <A>(start: () => Promise<A>, waitMs = 5000): Promise<A> => {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await start();
    } catch (err) {
      if (!(err instanceof PortInUse) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
};
