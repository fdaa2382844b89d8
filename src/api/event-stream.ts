import type { AppContext } from '../app-context';
import client from 'prom-client';
import { isLiveEventOf, type LiveEventOf, type LiveEventType } from '../modules/event/event-types';
import { Counts } from '../platform/counts';
import { registry } from '../platform/metrics';

/** Events kept for a subscriber that reads slower than they arrive; older ones are dropped beyond this. */
const MAX_BUFFERED = 1000;

const openStreams = new client.Gauge({
  name: 'qcharge_graphql_subscriptions',
  help: 'Open GraphQL subscriptions (event streams) on this process',
  registers: [registry],
});
const openStreamsByTenant = new Counts();

export function countStream(tenantId: string, delta: 1 | -1): void {
  openStreams.inc(delta);
  if (delta > 0) openStreamsByTenant.add(tenantId);
  else openStreamsByTenant.remove(tenantId);
}

/** Open event streams of a tenant on this process: tests wait on it before making events happen. */
export function openEventStreams(tenantId: string): number {
  return openStreamsByTenant.get(tenantId);
}

/**
 * A tenant's events of one type as an async iterator for a subscription resolver. The tenant comes from
 * the caller's key and is the first filter; the optional charge point narrows it. Ending the iterator
 * (client unsubscribes or disconnects) stops listening.
 */
export async function eventStream<L extends LiveEventType>(
  app: AppContext,
  tenantId: string,
  type: L,
  chargePointId?: string | null,
): Promise<AsyncIterableIterator<LiveEventOf<L>>> {
  const buffered: LiveEventOf<L>[] = [];
  let waiting: ((result: IteratorResult<LiveEventOf<L>>) => void) | undefined;
  let done = false;
  const unsubscribe = await app.events.subscribe(tenantId, [type], (event) => {
    if (done || event.tenantId !== tenantId || !isLiveEventOf(event, type)) return;
    if (chargePointId != null && event.chargePointId !== chargePointId) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: event, done: false });
      return;
    }
    buffered.push(event);
    if (buffered.length > MAX_BUFFERED) buffered.shift();
  });
  countStream(tenantId, 1);
  const finish = (): IteratorResult<LiveEventOf<L>> => {
    if (!done) {
      done = true;
      unsubscribe();
      countStream(tenantId, -1);
      buffered.length = 0;
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
    }
    return { value: undefined, done: true };
  };
  const iterator: AsyncIterableIterator<LiveEventOf<L>> = {
    next() {
      if (buffered.length > 0) return Promise.resolve({ value: buffered.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      return Promise.resolve(finish());
    },
    throw(error) {
      finish();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
