import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';

/** CPU and memory of one watched server process (with its children, for Postgres' backends). */
export interface ProcUsage {
  readonly name: string;
  /** Mean CPU over the window, in percent of one core. */
  readonly cpuPercent: number;
  readonly rssPeakMb: number;
  readonly rssEndMb: number;
}

const TICKS_PER_SECOND = 100;
const PAGE_KB = 4;

interface Stat {
  readonly ppid: number;
  readonly ticks: number;
  readonly rssKb: number;
}

const readStat = (pid: number): Stat | null => {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; the fields after its closing parenthesis do not.
    const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    const num = (i: number) => Number(fields[i] ?? 0);
    return { ppid: num(1), ticks: num(11) + num(12), rssKb: num(21) * PAGE_KB };
  } catch {
    return null;
  }
};

/** The process and all its descendants, read from /proc in one pass. */
const tree = (root: number): Map<number, Stat> => {
  const all = new Map<number, Stat>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (stat) all.set(pid, stat);
  }
  const keep = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, stat] of all)
      if (!keep.has(pid) && keep.has(stat.ppid)) {
        keep.add(pid);
        grew = true;
      }
  }
  return new Map([...keep].flatMap((pid) => (all.has(pid) ? [[pid, all.get(pid) as Stat] as const] : [])));
};

/** Proportional set size: shared pages split among the processes mapping them. */
const pssKb = (pid: number): number => {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

// A tree's memory is its PSS: summing RSS would count Postgres' shared buffers once per backend.
const sample = (root: number, withChildren: boolean): Map<number, Stat> => {
  if (withChildren) return new Map([...tree(root)].map(([pid, st]) => [pid, { ...st, rssKb: pssKb(pid) }] as const));
  const stat = readStat(root);
  return new Map(stat ? [[root, stat]] : []);
};

export interface Watched {
  readonly name: string;
  readonly pid: number;
  /** Sum the process's descendants too (Postgres runs a process per connection). */
  readonly withChildren: boolean;
}

/**
 * Samples CPU time and RSS of the watched processes every 200 ms between `start` and `stop`, like
 * pidusage but from /proc directly. CPU is summed per pid from sample to sample, so Postgres backends
 * that come and go are counted up to their last sample (at most 200 ms of each is lost). Memory is RSS
 * for a single process and PSS summed over a process tree.
 */
export class ProcSampler {
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private machine: MachineCpu | null = null;
  private readonly state = new Map<
    string,
    { ticks: Map<number, number>; cpu: number; peakKb: number; lastKb: number }
  >();

  constructor(private readonly watched: readonly Watched[]) {}

  start(): void {
    this.startedAt = Date.now();
    this.machine = new MachineCpu();
    for (const w of this.watched) {
      const now = sample(w.pid, w.withChildren);
      const rss = [...now.values()].reduce((s, x) => s + x.rssKb, 0);
      const ticks = new Map([...now].map(([pid, st]) => [pid, st.ticks] as const));
      this.state.set(w.name, { ticks, cpu: 0, peakKb: rss, lastKb: rss });
    }
    this.timer = setInterval(() => this.tick(), 200);
  }

  stop(): ProcUsage[] {
    if (this.timer) clearInterval(this.timer);
    this.tick();
    const seconds = Math.max(0.001, (Date.now() - this.startedAt) / 1000);
    const machine = { name: 'whole machine', cpuPercent: this.machine?.stop() ?? 0, rssPeakMb: 0, rssEndMb: 0 };
    const usage = this.watched.map((w) => {
      const st = this.state.get(w.name);
      return {
        name: w.name,
        cpuPercent: Math.round(((st?.cpu ?? 0) / TICKS_PER_SECOND / seconds) * 100),
        rssPeakMb: mb(st?.peakKb ?? 0),
        rssEndMb: mb(st?.lastKb ?? 0),
      };
    });
    return [...usage, machine];
  }

  private tick(): void {
    for (const w of this.watched) {
      const st = this.state.get(w.name);
      if (!st) continue;
      const now = sample(w.pid, w.withChildren);
      for (const [pid, stat] of now) {
        // A pid first seen now started inside the window: all its CPU time belongs to it.
        st.cpu += stat.ticks - (st.ticks.get(pid) ?? 0);
        st.ticks.set(pid, stat.ticks);
      }
      st.lastKb = [...now.values()].reduce((s, x) => s + x.rssKb, 0);
      st.peakKb = Math.max(st.peakKb, st.lastKb);
    }
  }
}

/** Busy and total ticks of all cores together, from /proc/stat. */
const machineTicks = (): { busy: number; total: number } => {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((s, x) => s + x, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
};

/**
 * The whole machine's CPU use over a window, in percent of one core (200 % = both cores busy), so a
 * reader can tell whether a figure was limited by the machine and how much of it was other work.
 */
export class MachineCpu {
  private readonly first = machineTicks();

  /** Percent of one core used by everything on the machine since construction. */
  stop(): number {
    const now = machineTicks();
    const total = now.total - this.first.total;
    return total === 0 ? 0 : Math.round(((now.busy - this.first.busy) / total) * os.cpus().length * 100);
  }
}

const mb = (kb: number): number => Math.round((kb / 1024) * 10) / 10;

/** Current RSS of one process in kB (VmRSS). */
export const rssKb = (pid: number): number => readStat(pid)?.rssKb ?? 0;

/** How many file descriptors a process has open. */
export const openFds = (pid: number): number => readdirSync(`/proc/${pid}/fd`).length;

/** The soft open-files limit of a process. */
export const fdLimit = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3] ?? 1024);
};

/** The pid of the process whose command line contains every fragment (e.g. redis-server and its port). */
export const findPid = (...fragments: string[]): number | null => {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (fragments.every((f) => cmd.includes(f))) return Number(entry);
    } catch {
      // The process exited while we looked.
    }
  }
  return null;
};
