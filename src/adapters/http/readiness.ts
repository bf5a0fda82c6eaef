import type { RequestHandler } from 'express';

/** One dependency the instance needs to serve traffic; `probe` rejects (or times out) when it cannot. */
export interface ReadinessCheck {
  /** Named in the answer: `catalog`, `shard:shard-1`, `redis`. */
  readonly name: string;
  readonly probe: () => Promise<void>;
}

/** Each check's outcome: `ok`, or why it failed. */
export interface ReadinessReport {
  readonly status: 'ready' | 'not_ready';
  readonly checks: Record<string, string>;
  /** The names of the failing checks, so an operator reads the culprit at once. */
  readonly failing: readonly string[];
}

const DEFAULT_TIMEOUT_MS = 1500;

const withTimeout = (probe: () => Promise<void>, ms: number): Promise<void> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([probe(), timeout]).finally(() => clearTimeout(timer));
};

const reason = (err: unknown): string => {
  const message = err instanceof Error ? err.message : String(err);
  // Driver messages can quote connection strings; only the first line, without URLs, is shown.
  return (message.split('\n')[0] ?? '').replace(/[a-z]+:\/\/\S+/gi, '<url>').slice(0, 200) || 'failed';
};

/** Runs every check at once, each bounded by `timeoutMs`. */
export const checkReadiness = async (
  checks: readonly ReadinessCheck[],
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<ReadinessReport> => {
  const outcomes = await Promise.all(
    checks.map(async (c) => {
      try {
        await withTimeout(c.probe, timeoutMs);
        return [c.name, 'ok'] as const;
      } catch (err) {
        return [c.name, reason(err)] as const;
      }
    }),
  );
  const failing = outcomes.filter(([, outcome]) => outcome !== 'ok').map(([name]) => name);
  return { status: failing.length === 0 ? 'ready' : 'not_ready', checks: Object.fromEntries(outcomes), failing };
};

/** GET /readyz: 200 when every dependency answers, else 503 naming the failing ones (load balancers drain it). */
export const readinessEndpoint =
  (checks: readonly ReadinessCheck[], timeoutMs?: number): RequestHandler =>
  async (_req, res) => {
    const report = await checkReadiness(checks, timeoutMs);
    res.locals.routed = '/readyz';
    // With nothing to probe (in-memory storage) there is nothing to list either.
    const body = checks.length === 0 ? { status: report.status } : report;
    res
      .status(report.status === 'ready' ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(body);
  };
