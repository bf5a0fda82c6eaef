import client from 'prom-client';

// prom-client's default registry is process-wide; several gateways in one process (tests) share the series.
const counter = (name: string, help: string, labelNames: readonly string[] = []): client.Counter =>
  (client.register.getSingleMetric(name) as client.Counter | undefined) ??
  new client.Counter({ name, help, labelNames });

const gauge = (name: string, help: string): client.Gauge =>
  (client.register.getSingleMetric(name) as client.Gauge | undefined) ?? new client.Gauge({ name, help });

/** What the real-time layer counts; `/metrics` shows it with everything else. */
export interface RealtimeMetrics {
  readonly connectionOpened: () => void;
  readonly connectionClosed: () => void;
  /** A frame was refused (bad JSON, unknown type, bad shape, rate limit). */
  readonly frameRejected: (reason: string) => void;
  /** A subscription was switched to resync (slow consumer, bus lost, too far behind). */
  readonly resync: (reason: string) => void;
  /** The server dropped a socket (dead peer, stuck consumer). */
  readonly terminated: (reason: string) => void;
  /** An event reached the instance from the bus and was fanned out to its local sockets. */
  readonly eventFannedOut: (sockets: number) => void;
}

/** The metrics on prom-client's default registry. */
export const promRealtimeMetrics = (): RealtimeMetrics => {
  const open = gauge('ws_connections', 'Open WebSocket connections');
  const rejected = counter('ws_frames_rejected_total', 'Client frames refused', ['reason']);
  const resyncs = counter('ws_resyncs_total', 'Subscriptions switched to resync', ['reason']);
  const terminated = counter('ws_terminated_total', 'Sockets dropped by the server', ['reason']);
  const events = counter('ws_events_total', 'Bus events fanned out to local sockets');
  const frames = counter('ws_event_frames_total', 'Event frames sent to sockets');
  return {
    connectionOpened: () => open.inc(),
    connectionClosed: () => open.dec(),
    frameRejected: (reason) => rejected.inc({ reason }),
    resync: (reason) => resyncs.inc({ reason }),
    terminated: (reason) => terminated.inc({ reason }),
    eventFannedOut: (sockets) => {
      events.inc();
      frames.inc(sockets);
    },
  };
};
