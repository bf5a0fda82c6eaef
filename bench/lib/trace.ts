import type { Browser, Page } from 'playwright-core';

/** One task of the page's main thread: wall time (what a person waits) and the CPU time the thread got in it. */
export interface MainThreadTask {
  /** Start, on the trace's clock (µs). */
  readonly ts: number;
  readonly wallMs: number;
  readonly cpuMs: number;
}

export interface PageTrace {
  readonly tasks: readonly MainThreadTask[];
  /** `console.timeStamp(label)` calls made by the bench in the page, by label, on the trace's clock (µs). */
  readonly marks: ReadonlyMap<string, number>;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { name?: string; data?: { message?: string } };
}

// RunTask is one task of a thread's scheduler; TimeStamp is console.timeStamp().
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

/** The renderer main thread that did the most work: the page's (other renderers are idle helpers). */
const busiestRenderer = (events: readonly TraceEvent[]): string | undefined => {
  const renderers = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const work = new Map<string, number>();
  for (const e of events)
    if (e.name === 'RunTask' && renderers.has(`${e.pid}:${e.tid}`))
      work.set(`${e.pid}:${e.tid}`, (work.get(`${e.pid}:${e.tid}`) ?? 0) + (e.tdur ?? 0));
  return [...work.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
};

/** Reads the page's main-thread tasks and the bench's marks out of a Chromium trace. */
export const parseTrace = (json: Buffer): PageTrace => {
  const parsed = JSON.parse(json.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = busiestRenderer(events);
  const tasks: MainThreadTask[] = [];
  const marks = new Map<string, number>();
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main) continue;
    if (e.name === 'RunTask' && e.ph === 'X')
      tasks.push({ ts: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 });
    const label = e.args?.data?.message;
    if (e.name === 'TimeStamp' && label) marks.set(label, e.ts);
  }
  return { tasks, marks };
};

/** Runs `work` with Chromium tracing the page's timeline, and answers what the page's main thread did. */
export const traced = async <T>(browser: Browser, page: Page, work: () => Promise<T>) => {
  await browser.startTracing(page, { categories: CATEGORIES });
  const outcome = await work().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const trace = parseTrace(await browser.stopTracing());
  if (!outcome.ok) throw outcome.error;
  return { result: outcome.value, trace };
};

/** Tasks that started in [from, to) on the trace's clock. */
export const tasksBetween = (trace: PageTrace, from: number, to: number): MainThreadTask[] =>
  trace.tasks.filter((t) => t.ts >= from && t.ts < to);
