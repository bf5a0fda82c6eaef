import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BenchEnv } from '../env/environment';
import type { Crew } from './crew';
import type { ProcUsage } from './proc';
import type { Summary } from './stats';
import type { SummaryRow } from './summary';

/** What a scenario is given. */
export interface ScenarioContext {
  readonly env: BenchEnv;
  /** The bench's users, all in one team (so every board is on one shard); tokens work on both instances. */
  readonly crew: Crew;
  readonly quick: boolean;
}

/** A figure with the target it is reported against (never asserted). */
export interface TargetCheck {
  readonly name: string;
  readonly target: string;
  readonly actual: string;
  readonly met: boolean;
  /** The issue target it reports (`T1`…, bench/lib/summary.ts), so the run's summary can list it. */
  readonly ref?: string;
}

export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  /** Plain figures (counts, rates, sizes). */
  readonly figures: Record<string, number | string>;
  /** Latency distributions in ms. */
  readonly latencies: Record<string, Summary>;
  readonly targets: readonly TargetCheck[];
  /** CPU and RSS of the server processes while the scenario ran. */
  readonly usage: readonly ProcUsage[];
  readonly notes: readonly string[];
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly run: (ctx: ScenarioContext) => Promise<ScenarioResult>;
}

const pad = (s: string, n: number) => s.padEnd(n);

/** A check's name with the issue target it reports, if any (`T1 durable moves/s`). */
export const targetName = (t: TargetCheck): string => (t.ref ? `${t.ref} ${t.name}` : t.name);

/** The table printed after each scenario. */
export const formatResult = (r: ScenarioResult): string => {
  const lines = [`\n== ${r.id}. ${r.title}`];
  for (const [name, s] of Object.entries(r.latencies))
    lines.push(`  ${pad(name, 40)} p50 ${s.p50} | p95 ${s.p95} | p99 ${s.p99} | max ${s.max} ms  (n=${s.n})`);
  for (const [name, v] of Object.entries(r.figures)) lines.push(`  ${pad(name, 40)} ${v}`);
  for (const t of r.targets)
    lines.push(`  ${t.met ? 'MET ' : 'MISS'} ${pad(targetName(t), 35)} target ${t.target}, actual ${t.actual}`);
  lines.push(`  ${pad('process (CPU % of one core)', 28)} ${pad('CPU %', 8)} ${pad('mem peak MB', 13)} mem end MB`);
  for (const u of r.usage)
    lines.push(`  ${pad(u.name, 28)} ${pad(String(u.cpuPercent), 8)} ${pad(String(u.rssPeakMb), 13)} ${u.rssEndMb}`);
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
};

/** The machine the figures were measured on. */
export const machine = () => ({
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  kernel: os.release(),
  node: process.version,
});

/**
 * Writes bench/results/<started>[-quick].json and bench/results/latest[-quick].json; called after every
 * scenario, so an interrupted run keeps what it measured.
 */
export const writeResults = async (
  results: readonly ScenarioResult[],
  quick: boolean,
  started: Date,
  summary: readonly SummaryRow[] = [],
): Promise<string> => {
  const dir = path.resolve(__dirname, '../results');
  await mkdir(dir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const suffix = quick ? '-quick' : '';
  const body = JSON.stringify({ at: new Date().toISOString(), quick, machine: machine(), summary, results }, null, 2);
  const file = path.join(dir, `${stamp}${suffix}.json`);
  await writeFile(file, body);
  await writeFile(path.join(dir, `latest${suffix}.json`), body);
  return file;
};
