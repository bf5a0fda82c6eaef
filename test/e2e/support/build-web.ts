import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const LOCK = path.join(ROOT, 'web', '.build-lock');
const STAMP = path.join(ROOT, 'web', 'dist', '.inputs');
// What the web build reads: the client, its public files and config, and the shared domain.
const INPUTS = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.mjs', 'web/tsconfig.json', 'src/domain'];
const STALE_LOCK_MS = 300_000;

const files = (rel: string): string[] => {
  const abs = path.join(ROOT, rel);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs).flatMap((name) => files(path.join(rel, name)));
};

/** A digest of every input's path, size and modification time: equal digests mean the same build. */
const inputsDigest = (): string => {
  const hash = createHash('sha256');
  for (const rel of INPUTS.flatMap(files).sort()) {
    const st = statSync(path.join(ROOT, rel));
    hash.update(`${rel}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
};

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Takes the build lock (a directory, created atomically), breaking one left by a dead build. */
const lock = (): void => {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else sleep(200);
    }
  }
};

/**
 * Builds web/dist so the tests run against the code as it is now — once per change of the inputs.
 * Test files in parallel workers all call this; a lock makes one of them build while the others wait,
 * and none rebuilds (emptying web/dist) under another test's running server.
 */
export const buildWeb = (): void => {
  lock();
  try {
    const digest = inputsDigest();
    if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === digest) return;
    const res = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.mjs', '--logLevel', 'error'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (res.status !== 0) throw new Error(`vite build failed:\n${res.stdout}\n${res.stderr}`);
    writeFileSync(STAMP, digest);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
};
