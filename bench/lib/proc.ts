import { readFileSync, readdirSync } from 'node:fs';

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
const tree = (root: number): Stat[] => {
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
  return [...keep].flatMap((pid) => all.get(pid) ?? []);
};

const sample = (root: number, withChildren: boolean) => {
  const stats = withChildren ? tree(root) : [readStat(root)].filter((s): s is Stat => s !== null);
  return { ticks: stats.reduce((s, x) => s + x.ticks, 0), rssKb: stats.reduce((s, x) => s + x.rssKb, 0) };
};

export interface Watched {
  readonly name: string;
  readonly pid: number;
  /** Sum the process's descendants too (Postgres runs a process per connection). */
  readonly withChildren: boolean;
}

/**
 * Samples CPU time and RSS of the watched processes every 200 ms between `start` and `stop`, like
 * pidusage but from /proc directly. CPU of exited children is not counted, so Postgres backends that
 * end inside a window are under-counted; the bench keeps its connections open.
 */
export class ProcSampler {
  private timer: NodeJS.Timeout | null = null;
  private readonly first = new Map<string, { ticks: number; at: number }>();
  private readonly peak = new Map<string, number>();

  constructor(private readonly watched: readonly Watched[]) {}

  start(): void {
    const at = Date.now();
    for (const w of this.watched) {
      const s = sample(w.pid, w.withChildren);
      this.first.set(w.name, { ticks: s.ticks, at });
      this.peak.set(w.name, s.rssKb);
    }
    this.timer = setInterval(() => this.tick(), 200);
  }

  stop(): ProcUsage[] {
    if (this.timer) clearInterval(this.timer);
    const at = Date.now();
    return this.watched.map((w) => {
      const s = sample(w.pid, w.withChildren);
      const first = this.first.get(w.name) ?? { ticks: s.ticks, at };
      const seconds = Math.max(0.001, (at - first.at) / 1000);
      const cpu = ((s.ticks - first.ticks) / TICKS_PER_SECOND / seconds) * 100;
      const peak = Math.max(this.peak.get(w.name) ?? 0, s.rssKb);
      return { name: w.name, cpuPercent: Math.round(cpu), rssPeakMb: mb(peak), rssEndMb: mb(s.rssKb) };
    });
  }

  private tick(): void {
    for (const w of this.watched) {
      const s = sample(w.pid, w.withChildren);
      this.peak.set(w.name, Math.max(this.peak.get(w.name) ?? 0, s.rssKb));
    }
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
