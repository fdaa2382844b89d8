import { EventWatchers, type WatchedEvents } from './event-watchers';
import { WebhookReceiver, type ReceivedDeliveries } from './webhook-receiver';

/** What the integrators of a phase saw: the event stream's subscribers and the webhook endpoints. */
export interface IntegratorFigures {
  events?: WatchedEvents;
  webhooks?: ReceivedDeliveries[];
}

/**
 * Integrators following the bench tenant during a phase: `subscribers` graphql-ws `events` subscriptions
 * and `webhooks` webhook endpoints, each for every event type. Undefined when there are none.
 */
export async function openIntegrators(apiPort: number, counts: { subscribers: number; webhooks: number }) {
  if (counts.subscribers <= 0 && counts.webhooks <= 0) return undefined;
  const watchers = counts.subscribers > 0 ? await EventWatchers.open(apiPort, counts.subscribers) : undefined;
  const hooks = await Promise.all(Array.from({ length: Math.max(0, counts.webhooks) }, () => WebhookReceiver.open(apiPort)));
  return {
    /** Waits until nothing more arrives, then closes them all. */
    async close(): Promise<IntegratorFigures> {
      const [events, webhooks] = await Promise.all([watchers?.close(), Promise.all(hooks.map((hook) => hook.close()))]);
      return { ...(events ? { events } : {}), ...(webhooks.length ? { webhooks } : {}) };
    },
  };
}

export function integratorsNote(figures: IntegratorFigures | undefined): string {
  const parts = [
    ...(figures?.events ? [`${figures.events.subscribers} events subscriber(s)`] : []),
    ...(figures?.webhooks ? [`${figures.webhooks.length} webhook endpoint(s) for every event type`] : []),
  ];
  return parts.length ? `, ${parts.join(' and ')} open` : '';
}

export function printIntegrators(figures: IntegratorFigures): void {
  const e = figures.events;
  if (e) {
    console.log(`    events subscribers ${e.subscribers}: ${e.received} events received, lag p50 ${e.lag.p50} p99 ${e.lag.p99} max ${e.lag.max} ms, out of order ${e.outOfOrder}, missing ${e.missing}, errors ${e.errors}`);
  }
  for (const [i, w] of (figures.webhooks ?? []).entries()) {
    console.log(`    webhook endpoint ${i + 1}: ${w.received} deliveries (${w.duplicates} duplicates), lag p50 ${w.lag.p50} p99 ${w.lag.p99} max ${w.lag.max} ms`);
  }
}
