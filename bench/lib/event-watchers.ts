import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { BENCH_API_SECRET } from './database';
import { Histogram, type LatencySummary } from './histogram';
import { untilQuiet } from './until-quiet';

/** What the event subscribers of a phase saw: how many events, their delivery lag, and any breach of "each once, in order". */
export interface WatchedEvents {
  subscribers: number;
  /** Events received, summed over the subscribers. */
  received: number;
  /** From the event's occurredAt (the server's clock, on this machine) to its arrival at a subscriber. */
  lag: LatencySummary;
  /** Sequences that arrived out of order or twice (each subscription reads the whole stream, unfiltered). */
  outOfOrder: number;
  /** Sequences skipped: a live stream must deliver every sequence after the first it saw. */
  missing: number;
  /** Subscriptions that ended in an error. */
  errors: number;
}

const EVENTS = 'subscription { events { sequence occurredAt } }';

/**
 * Integrators watching the bench tenant's event stream during a phase: each opens the `events` subscription
 * (graphql-ws, as the contract gives it) and takes every event as it comes.
 */
export class EventWatchers {
  private readonly clients: Client[] = [];
  private readonly stops: Array<() => void> = [];
  private readonly lag = new Histogram();
  private received = 0;
  private outOfOrder = 0;
  private missing = 0;
  private errors = 0;

  private constructor(private readonly count: number) {}

  static async open(apiPort: number, count: number): Promise<EventWatchers> {
    const watchers = new EventWatchers(count);
    await Promise.all(Array.from({ length: count }, () => watchers.subscribe(apiPort)));
    return watchers;
  }

  private subscribe(apiPort: number): Promise<void> {
    const client = createClient({ url: `ws://127.0.0.1:${apiPort}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${BENCH_API_SECRET}` }, lazy: false });
    this.clients.push(client);
    let last: number | undefined;
    return new Promise<void>((resolve, reject) => {
      // The server answers the subscription only with events; it is live once the socket is acknowledged and the
      // subscribe message is sent, so wait for the acknowledgement and a short moment for the replay to start.
      const offConnected = client.on('connected', () => setTimeout(resolve, 200));
      const stop = client.subscribe<{ events: { sequence: number; occurredAt: string } }>(
        { query: EVENTS },
        {
          next: ({ data }) => {
            if (!data) return;
            this.received++;
            this.lag.record(Math.max(0, Date.now() - Date.parse(data.events.occurredAt)));
            const sequence = data.events.sequence;
            if (last !== undefined) {
              if (sequence <= last) this.outOfOrder++;
              else this.missing += sequence - last - 1;
            }
            last = Math.max(last ?? sequence, sequence);
          },
          error: (error) => {
            this.errors++;
            reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
          },
          complete: () => undefined,
        },
      );
      this.stops.push(() => {
        offConnected();
        stop();
      });
    });
  }

  /** Closes the subscriptions once events stopped arriving for `quietMs` (at most `maxWaitMs`): what a phase made is all counted. */
  async close(quietMs = 1000, maxWaitMs = 60_000): Promise<WatchedEvents> {
    await untilQuiet(() => this.received, quietMs, maxWaitMs);
    for (const stop of this.stops) stop();
    await Promise.all(this.clients.map((client) => client.dispose()));
    return { subscribers: this.count, received: this.received, lag: this.lag.summary(), outOfOrder: this.outOfOrder, missing: this.missing, errors: this.errors };
  }
}
