import client from 'prom-client';

// prom-client's default registry is process-wide; several instances in one process (tests) share a series.
const existing = <T>(name: string): T | undefined => client.register.getSingleMetric(name) as T | undefined;

/** The process-wide counter `name`, made on first use. */
export const counter = (name: string, help: string, labelNames: readonly string[] = []): client.Counter =>
  existing<client.Counter>(name) ?? new client.Counter({ name, help, labelNames });

/** The process-wide gauge `name`, made on first use; `collect` refreshes it on every scrape. */
export const gauge = (
  name: string,
  help: string,
  labelNames: readonly string[] = [],
  collect?: (this: client.Gauge) => void,
): client.Gauge =>
  existing<client.Gauge>(name) ?? new client.Gauge({ name, help, labelNames, ...(collect && { collect }) });

/** The process-wide histogram `name`, made on first use. */
export const histogram = (
  name: string,
  help: string,
  buckets: readonly number[],
  labelNames: readonly string[] = [],
): client.Histogram =>
  existing<client.Histogram>(name) ?? new client.Histogram({ name, help, labelNames, buckets: [...buckets] });
