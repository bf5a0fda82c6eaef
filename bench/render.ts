// `npx tsx bench/render.ts [bench/results/latest.json]`: a results file as the Markdown tables in
// docs/benchmarks.md, so the document shows measured figures verbatim.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { targetName, type ScenarioResult } from './lib/report';
import type { SummaryRow } from './lib/summary';

interface ResultsFile {
  at: string;
  quick: boolean;
  machine: Record<string, string | number>;
  /** Absent in files written before the summary existed. */
  summary?: SummaryRow[];
  results: ScenarioResult[];
}

const summaryTable = (rows: readonly SummaryRow[]): string[] => {
  if (rows.length === 0) return [];
  const lines = [
    '### Issue 13 targets',
    '',
    '| target | scenario | check | wanted | measured | |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const verdict = r.met === null ? 'not measured' : r.met ? 'met' : '**missed**';
    lines.push(`| ${r.ref} | ${r.scenario} | ${r.name} | ${r.target} | ${r.actual} | ${verdict} |`);
  }
  return [...lines, ''];
};

const scenario = (r: ScenarioResult): string[] => {
  const lines = [`### ${r.id}. ${r.title}`, ''];
  if (r.targets.length > 0) {
    lines.push('| target | wanted | measured | |', '|---|---|---|---|');
    for (const t of r.targets)
      lines.push(`| ${targetName(t)} | ${t.target} | ${t.actual} | ${t.met ? 'met' : '**missed**'} |`);
    lines.push('');
  }
  const latencies = Object.entries(r.latencies);
  if (latencies.length > 0) {
    lines.push('| latency (ms) | n | p50 | p95 | p99 | max |', '|---|---|---|---|---|---|');
    for (const [name, s] of latencies) lines.push(`| ${name} | ${s.n} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.max} |`);
    lines.push('');
  }
  const figures = Object.entries(r.figures);
  if (figures.length > 0) {
    lines.push('| figure | value |', '|---|---|');
    for (const [name, v] of figures) lines.push(`| ${name.trim()} | ${String(v).replace(/\|/g, '/')} |`);
    lines.push('');
  }
  if (r.usage.length > 0) {
    lines.push('| process | CPU % of one core | memory peak MB | memory end MB |', '|---|---|---|---|');
    for (const u of r.usage)
      lines.push(`| ${u.name} | ${u.cpuPercent} | ${u.rssPeakMb || '-'} | ${u.rssEndMb || '-'} |`);
    lines.push('');
  }
  for (const n of r.notes) lines.push(`- ${n}`);
  return [...lines, ''];
};

const main = () => {
  const file = process.argv[2] ?? path.join(__dirname, 'results', 'latest.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as ResultsFile;
  const out = [
    `Results file written ${data.at}${data.quick ? ' (quick)' : ''}; ${Object.entries(data.machine)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    '',
    ...summaryTable(data.summary ?? []),
    ...data.results.flatMap(scenario),
  ];
  console.log(out.join('\n'));
};

main();
