import client from 'prom-client';
import { sqlState, withTimeout } from './async';
import { collectProcessMetrics } from './process-metrics';

/**
 * The one metrics registry of the process, served at GET /metrics on every role (on METRICS_PORT when set). Default Node metrics
 * (event-loop lag `nodejs_eventloop_lag_seconds`, heap, GC, handles) are collected into it, the ones that cost work per
 * open socket from a snapshot of at most 15 s ago (process-metrics.ts).
 *
 * Label values are always from bounded sets: tenant ids (never slugs: names are for tenants to see), OCPP actions and error codes from the spec
 * (anything a charge point makes up becomes `other`), contract statuses, GraphQL operation names capped
 * at MAX_OPERATION_NAMES. Per-frame recording lives in ocpp-metrics.ts.
 */
export const registry = new client.Registry();
collectProcessMetrics(registry);

/**
 * Frames are counted per frame in plain numbers (ocpp-metrics.ts) and added to these two counters on scrape:
 * prom-client hashes the labels of every `inc`, which per frame was a few percent of a Heartbeat's CPU.
 */
let flushFrameCounts: () => void = () => undefined;
export function onFrameCountsScrape(flush: () => void): void {
  flushFrameCounts = flush;
}

export const ocppMessages = new client.Counter({
  name: 'qcharge_ocpp_messages_total',
  help: 'OCPP frames by action, direction (IN from the charge point, OUT to it) and message type',
  labelNames: ['action', 'direction', 'type'] as const,
  registers: [registry],
  collect: () => flushFrameCounts(),
});

export const ocppCallErrors = new client.Counter({
  name: 'qcharge_ocpp_callerrors_total',
  help: 'CALLERROR frames by OCPP error code and direction',
  labelNames: ['code', 'direction'] as const,
  registers: [registry],
  collect: () => flushFrameCounts(),
});

export const ocppUndelivered = new client.Counter({
  name: 'qcharge_ocpp_undelivered_total',
  help: 'Answers to charge point calls that could not go out (the connection closed first), by action',
  labelNames: ['action'] as const,
  registers: [registry],
});

export const refusedStarts = new client.Counter({
  name: 'qcharge_refused_starts_total',
  help: 'StartTransactions answered other than Accepted, by idTagInfo.status',
  labelNames: ['status'] as const,
  registers: [registry],
});

export const refusedIdTags = new client.Counter({
  name: 'qcharge_refused_id_tags_total',
  help: 'Authorize requests answered other than Accepted, by idTagInfo.status',
  labelNames: ['status'] as const,
  registers: [registry],
});

export const quirkRepairs = new client.Counter({
  name: 'qcharge_quirk_repairs_total',
  help: 'Charge point frames repaired before validation, by tenant id and quirk (see ChargePoint.compatibility)',
  labelNames: ['tenant', 'quirk'] as const,
  registers: [registry],
});

export const ocppHandlingSeconds = new client.Histogram({
  name: 'qcharge_ocpp_handling_seconds',
  help: 'Time from receiving a charge point CALL to sending its answer, by action',
  labelNames: ['action'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

/** Where the connected-charge-point gauge reads from on scrape: each OCPP listener of the process. */
export type ConnectionCounter = () => Iterable<[string, number]>;
const connectionCounters = new Set<ConnectionCounter>();

// Registered in `registry` and read on scrape only: nothing else refers to it.
new client.Gauge({
  name: 'qcharge_connected_charge_points',
  help: 'Charge points connected to this node, per tenant id',
  labelNames: ['tenant'] as const,
  registers: [registry],
  // Counted from the live connection registry on scrape, so it can never drift from the sockets.
  collect() {
    this.reset();
    for (const count of connectionCounters) {
      for (const [tenant, n] of count()) this.inc({ tenant }, n);
    }
  },
});

/** An OCPP listener registers how to count its connections per tenant; returns how to unregister. */
export function trackConnectedChargePoints(counter: ConnectionCounter): () => void {
  connectionCounters.add(counter);
  return () => void connectionCounters.delete(counter);
}

export const commandOutcomes = new client.Counter({
  name: 'qcharge_command_outcomes_total',
  help: 'CSMS-initiated commands by action and final status (COMPLETED, FAILED, EXPIRED), with the error code of failures',
  labelNames: ['action', 'status', 'error'] as const,
  registers: [registry],
});

export const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;
type QueueState = (typeof QUEUE_STATES)[number];
/** Anything with BullMQ's `Queue#getJobCounts` and a name. */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...states: QueueState[]): Promise<Record<string, number>>;
}
const trackedQueues = new Set<CountableQueue>();
/** A scrape never waits longer than this on Redis; the previous values are kept instead. */
const QUEUE_SCRAPE_TIMEOUT_MS = 1000;

// Registered in `registry` and read on scrape only: nothing else refers to it.
new client.Gauge({
  name: 'qcharge_queue_jobs',
  help: 'BullMQ jobs by queue and state (read from Redis on scrape by worker processes)',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
  async collect() {
    if (trackedQueues.size === 0) return;
    const totals = new Map<string, Record<string, number>>();
    try {
      const counts = await withTimeout(
        Promise.all([...trackedQueues].map(async (queue) => [queue.name, await queue.getJobCounts(...QUEUE_STATES)] as const)),
        QUEUE_SCRAPE_TIMEOUT_MS,
      );
      for (const [name, byState] of counts) {
        const total = totals.get(name) ?? {};
        for (const state of QUEUE_STATES) total[state] = (total[state] ?? 0) + (byState[state] ?? 0);
        totals.set(name, total);
      }
    } catch {
      return;
    }
    this.reset();
    for (const [queue, byState] of totals) {
      for (const state of QUEUE_STATES) this.set({ queue, state }, byState[state]);
    }
  },
});

/** The worker role registers the queues it serves; returns how to unregister. */
export function trackQueueDepths(queues: CountableQueue[]): () => void {
  for (const queue of queues) trackedQueues.add(queue);
  return () => queues.forEach((queue) => trackedQueues.delete(queue));
}

let webhookBacklog: (() => Promise<number>) | undefined;

// Registered in `registry` and read on scrape only: nothing else refers to it.
new client.Gauge({
  name: 'qcharge_webhook_deliveries_due',
  help: 'Webhook delivery attempts due and not taken by any worker (read from PostgreSQL on scrape by worker processes)',
  registers: [registry],
  async collect() {
    if (!webhookBacklog) return;
    try {
      this.set(await withTimeout(webhookBacklog(), QUEUE_SCRAPE_TIMEOUT_MS));
    } catch {
      // The previous value is kept.
    }
  },
});

/** Worker processes report the webhook backlog (`count` is asked on scrape); returns the function that stops it. */
export function trackWebhookBacklog(count: () => Promise<number>): () => void {
  webhookBacklog = count;
  return () => {
    if (webhookBacklog === count) webhookBacklog = undefined;
  };
}

export const webhookAttempts = new client.Counter({
  name: 'qcharge_webhook_attempts_total',
  help: 'Webhook delivery attempts by outcome: delivered (2xx), retry (failed, another attempt scheduled), dead (failed past the retry window, or the webhook is disabled or gone), error (the worker failed; retried once its claim lapses)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const graphqlOperationSeconds = new client.Histogram({
  name: 'qcharge_graphql_operation_seconds',
  help: 'GraphQL operations, from request to response (over graphql-ws: to the result, or until a subscription is set up), by operation type and name',
  labelNames: ['type', 'name'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

/** Distinct operation names kept as label values; clients choose names, so the set is capped. */
export const MAX_OPERATION_NAMES = 200;
const operationNames = new Set<string>();

/** The label for a client-chosen operation name: itself while the set is small, else `other`. */
export function operationNameLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_NAMES || name.length > 64) return 'other';
  operationNames.add(name);
  return name;
}

export const redisErrors = new client.Counter({
  name: 'qcharge_redis_errors_total',
  help: 'Errors reported by Redis connections (connection loss, refused commands), by connection',
  labelNames: ['connection'] as const,
  registers: [registry],
});

export const ocppRateLimited = new client.Counter({
  name: 'qcharge_ocpp_rate_limited_total',
  help: 'Calls from charge points refused for going over their rate limit',
  registers: [registry],
});

export const ocppSocketsStalled = new client.Counter({
  name: 'qcharge_ocpp_sockets_stalled_total',
  help: 'Charge point sockets closed because they left answers unread past the send-buffer bound',
  registers: [registry],
});

export const postgresErrors = new client.Counter({
  name: 'qcharge_postgres_errors_total',
  help: 'Failed PostgreSQL queries by SQLSTATE class (23 integrity, 40 rollback, 57 operator, 08 connection ...); `connection` for errors without one',
  labelNames: ['class'] as const,
  registers: [registry],
});

/** Counts one failed PostgreSQL query. */
export function countPostgresError(error: unknown): void {
  postgresErrors.inc({ class: sqlState(error)?.slice(0, 2) ?? 'connection' });
}

