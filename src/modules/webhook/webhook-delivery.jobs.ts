import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { DelayedError, type Job } from 'bullmq';
import type { AppContext } from '../../app-context';
import { tenantEm, tenantSql, type TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import type { JobProcessor } from '../../platform/queues';
import type { NewDelivery } from '../event/event-outbox';
import { isPublicAddress, publicOnlyLookup } from './webhook-target';

export const WEBHOOK_SWEEP_JOB = 'webhooks.sweep';

/** A receiver has this long to answer 2xx (CONTRACT). */
const DELIVERY_TIMEOUT_MS = 10_000;
/** Deliveries in flight per endpoint, across all workers: one slow receiver holds only its own slots. */
const SLOTS_PER_WEBHOOK = 4;
/** A slot whose holder died is free again after this. */
const SLOT_LEASE_MS = DELIVERY_TIMEOUT_MS + 5_000;
/** Backoff: the first retry comes after at most this (CONTRACT: within 30 s), each next one after twice as long... */
const FIRST_RETRY_MS = 10_000;
/** ...up to this. */
const MAX_RETRY_MS = 3_600_000;
/** A PENDING delivery this late with no job (a crash between commit and enqueue) is enqueued by the sweep. */
const SWEEP_GRACE_MS = 30_000;

function jobId(deliveryId: string): string {
  return `webhook-${deliveryId}`;
}

/** Hands deliveries to the queue; the job id is the delivery's, so handing one twice runs it once. */
export async function enqueueDeliveries(app: AppContext, deliveries: NewDelivery[], at?: Date): Promise<void> {
  if (deliveries.length === 0) return;
  const delay = at ? Math.max(0, at.getTime() - Date.now()) : 0;
  await app.jobs.webhooks.addBulk(
    deliveries.map(({ tenantId, deliveryId }) => ({ name: 'webhook.deliver', data: { tenantId, deliveryId }, opts: { jobId: jobId(deliveryId), delay } })),
  );
}

/** Tenant job (every maintenance tick): enqueues deliveries committed but never enqueued (a crash in between). */
export const sweepWebhookDeliveries: JobProcessor = async ({ app, em, tenantId }) => {
  const due = await tenantSql<{ id: string }>(
    em,
    `select id from webhook_delivery where tenant_id = $tenant and status = 'PENDING' and next_attempt_at < ? order by next_attempt_at limit 1000`,
    [new Date(clock.now().getTime() - SWEEP_GRACE_MS)],
  );
  await enqueueDeliveries(app, due.map((d) => ({ tenantId, deliveryId: d.id })));
};

interface DeliveryRow {
  id: string;
  webhook_id: string;
  attempt: number;
  status: string;
  first_attempt_at: string | Date;
  url: string | null;
  secret: string | null;
  enabled: boolean | null;
  event_id: string;
  sequence: string | null;
  type: string | null;
  charge_point_id: string | null;
  occurred_at: string | Date | null;
  payload: Record<string, unknown> | null;
}

/** The delay before attempt n+1 after n failed, so the retries fit in the window (short windows in tests retry faster). */
export function retryDelayMs(failedAttempt: number, windowMs: number): number {
  const first = Math.min(FIRST_RETRY_MS, windowMs / 64);
  return Math.min(first * 2 ** (failedAttempt - 1), MAX_RETRY_MS);
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Processor of the webhook queue (worker role). Delivers one PENDING attempt: POSTs the signed event and
 * records the outcome on its row. A failure within the retry window is followed by a new PENDING row for the
 * next attempt (and its delayed job) in the same transaction; past the window the attempt ends DEAD. A
 * worker that dies mid-delivery leaves the row PENDING and its job stalled; BullMQ hands the job to another
 * worker, which sends it again (at least once).
 */
export async function deliverWebhook(app: AppContext, job: Job<{ tenantId: string; deliveryId: string }>, token: string | undefined): Promise<void> {
  const { tenantId, deliveryId } = job.data;
  const em = tenantEm(app.orm, tenantId);
  const [row] = await tenantSql<DeliveryRow>(
    em,
    `select d.id, d.webhook_id, d.attempt, d.status, d.first_attempt_at, w.url, w.secret, w.enabled,
            d.event_id, e.sequence, e.type, e.charge_point_id, e.occurred_at, e.payload
       from webhook_delivery d
       left join webhook w on w.id = d.webhook_id and w.tenant_id = d.tenant_id
       left join event e on e.id = d.event_id and e.tenant_id = d.tenant_id
      where d.tenant_id = $tenant and d.id = ?`,
    [deliveryId],
  );
  if (!row || row.status !== 'PENDING') return;
  if (!row.url || !row.secret || row.sequence === null) return finish(em, row.id, 'DEAD', null, 'webhook or event no longer exists');
  if (!row.enabled) return finish(em, row.id, 'DEAD', null, 'webhook is disabled');
  const slot = await takeSlot(app, row.webhook_id);
  if (!slot) {
    // Every slot of this endpoint is busy: wait a little, without holding a worker.
    await job.moveToDelayed(Date.now() + 200 + Math.floor(Math.random() * 300), token);
    throw new DelayedError();
  }
  let outcome: { httpStatus: number | null; error: string | null };
  try {
    const body = JSON.stringify({
      id: row.event_id,
      sequence: Number(row.sequence),
      type: row.type,
      chargePointId: row.charge_point_id,
      occurredAt: new Date(row.occurred_at!).toISOString(),
      data: row.payload,
    });
    outcome = await post(row.url, body, {
      'content-type': 'application/json',
      'user-agent': 'QCharge-Webhooks/1',
      'QCharge-Event-Id': row.event_id,
      'QCharge-Event-Type': row.type!,
      'QCharge-Signature': signature(row.secret, Math.floor(Date.now() / 1000), body),
    }, app.config.webhookAllowPrivate);
  } finally {
    await releaseSlot(app, row.webhook_id, slot);
  }
  if (outcome.httpStatus !== null && outcome.httpStatus >= 200 && outcome.httpStatus < 300) {
    return finish(em, row.id, 'DELIVERED', outcome.httpStatus, null);
  }
  const windowMs = app.config.webhookRetryHours * 3_600_000;
  const deadline = new Date(row.first_attempt_at).getTime() + windowMs;
  const now = clock.now().getTime();
  if (now >= deadline) return finish(em, row.id, 'DEAD', outcome.httpStatus, outcome.error);
  const nextAt = new Date(Math.min(now + retryDelayMs(row.attempt, windowMs), deadline));
  const nextId = randomUUID();
  await em.transactional(async (tx) => {
    const changed = await tenantSql<{ id: string }>(
      tx,
      `update webhook_delivery set status = 'FAILED', http_status = ?, error = ?, next_attempt_at = ? where tenant_id = $tenant and id = ? and status = 'PENDING' returning id`,
      [outcome.httpStatus, outcome.error, nextAt, row.id],
    );
    // Another worker finished it meanwhile (a stalled job run twice): it made the next attempt, if any.
    if (changed.length === 0) return;
    await tenantSql(
      tx,
      `insert into webhook_delivery (id, tenant_id, webhook_id, event_id, attempt, status, created_at, next_attempt_at, first_attempt_at)
       values (?, $tenant, ?, ?, ?, 'PENDING', ?, ?, ?)`,
      [nextId, row.webhook_id, row.event_id, row.attempt + 1, clock.now(), nextAt, new Date(row.first_attempt_at)],
    );
  });
  await enqueueDeliveries(app, [{ tenantId, deliveryId: nextId }], nextAt);
}

async function finish(em: TenantEm, id: string, status: 'DELIVERED' | 'DEAD', httpStatus: number | null, error: string | null): Promise<void> {
  await tenantSql(em, `update webhook_delivery set status = ?, http_status = ?, error = ?, next_attempt_at = null where tenant_id = $tenant and id = ? and status = 'PENDING'`, [
    status,
    httpStatus,
    error?.slice(0, 500) ?? null,
    id,
  ]);
}

/** One POST, no redirects followed, at most DELIVERY_TIMEOUT_MS; the answer's body is read and dropped. */
function post(target: string, body: string, headers: Record<string, string>, allowPrivate: boolean): Promise<{ httpStatus: number | null; error: string | null }> {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An address in the URL is never looked up, so it is checked here.
  if (!allowPrivate && isIP(host) && !isPublicAddress(host)) return Promise.resolve({ httpStatus: null, error: 'target is a private, loopback or link-local address' });
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, lookup: publicOnlyLookup(allowPrivate), signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ httpStatus: response.statusCode ?? null, error: response.statusCode && response.statusCode < 300 ? null : `HTTP ${response.statusCode}` }));
        response.on('error', (error) => resolve({ httpStatus: response.statusCode ?? null, error: error.message }));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ httpStatus: null, error: error.name === 'AbortError' ? `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s` : error.message }),
    );
    request.end(body);
  });
}

const TAKE_SLOT = `
redis.call('zremrangebyscore', KEYS[1], '-inf', ARGV[1])
if redis.call('zcard', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('zadd', KEYS[1], ARGV[2], ARGV[4])
  redis.call('pexpire', KEYS[1], ARGV[5])
  return 1
end
return 0`;

/** A Redis semaphore per endpoint: entries expire, so a dead worker's slot comes back. */
async function takeSlot(app: AppContext, webhookId: string): Promise<string | null> {
  const holder = randomUUID();
  const now = Date.now();
  const taken = await app.redis.eval(TAKE_SLOT, 1, app.keys.webhookSlots(webhookId), now, now + SLOT_LEASE_MS, SLOTS_PER_WEBHOOK, holder, SLOT_LEASE_MS * 2);
  return taken === 1 ? holder : null;
}

async function releaseSlot(app: AppContext, webhookId: string, holder: string): Promise<void> {
  await app.redis.zrem(app.keys.webhookSlots(webhookId), holder).catch(() => undefined);
}
