import type { EventPublisher } from '../../application/ports';
import type { EventSubscriber } from '../../application/ports/realtime';
import { counter, histogram } from './prom';

const published = () => counter('events_published_total', 'Committed board events handed to the event bus');
const delivered = () =>
  counter('events_delivered_total', 'Board events that reached this instance from the bus and were fanned out');
const fanOutLatency = () =>
  histogram(
    'event_fanout_latency_seconds',
    'From the commit of an event (its `at`) to its frames being handed to the local sockets',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );

/** The publisher, counting every event it is handed. */
export const countPublished = (publisher: EventPublisher): EventPublisher => {
  const total = published();
  return {
    publish: (event) => {
      total.inc();
      return publisher.publish(event);
    },
  };
};

/**
 * The subscriber, counting every event delivered to a listener and timing commit -> send: the gateway's
 * listener writes the frame to every local socket before it returns, so the time after it is the send time.
 */
export const measureDelivery = (subscriber: EventSubscriber, now: () => number = Date.now): EventSubscriber => {
  const total = delivered();
  const latency = fanOutLatency();
  return {
    onResync: (listener) => subscriber.onResync(listener),
    subscribe: (teamId, boardId, listener) =>
      subscriber.subscribe(teamId, boardId, (event) => {
        listener(event);
        total.inc();
        const committed = Date.parse(event.at);
        if (!Number.isNaN(committed)) latency.observe(Math.max(0, now() - committed) / 1000);
      }),
  };
};
