import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { AppContext } from '../../app-context';
import { tenantEm, tenantSql } from '../../platform/db';
import { clock } from '../../platform/clock';
import { isPublicAddress, publicOnlyLookup } from './webhook-target';

/** A receiver has this long to answer 2xx (CONTRACT). */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Backoff: the first retry comes after at most this (CONTRACT: within 30 s), each next one after twice as long... */
const FIRST_RETRY_MS = 10_000;
/** ...up to this. */
const MAX_RETRY_MS = 3_600_000;

/** A PENDING delivery attempt as the dispatcher claims it, with its webhook and event (null when gone). */
export interface ClaimedDelivery {
  id: string;
  tenant_id: string;
  webhook_id: string;
  attempt: number;
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

/** How an attempt ended, to be written on its row (`finishDelivery`). */
export interface DeliveryOutcome {
  id: string;
  tenantId: string;
  status: 'DELIVERED' | 'DEAD';
  httpStatus: number | null;
  error: string | null;
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
 * Delivers one claimed attempt: POSTs the signed event and says how it ended. A failure within the retry
 * window is recorded here (the attempt FAILED, a new PENDING row for the next one, in one transaction) and
 * answers undefined; a final outcome (DELIVERED, DEAD) is answered for the caller to write.
 */
export async function deliver(app: AppContext, row: ClaimedDelivery): Promise<DeliveryOutcome | undefined> {
  const final = (status: DeliveryOutcome['status'], httpStatus: number | null, error: string | null): DeliveryOutcome => ({
    id: row.id,
    tenantId: row.tenant_id,
    status,
    httpStatus,
    error: error?.slice(0, 500) ?? null,
  });
  if (!row.url || !row.secret || row.sequence === null) return final('DEAD', null, 'webhook or event no longer exists');
  if (!row.enabled) return final('DEAD', null, 'webhook is disabled');
  const body = JSON.stringify({
    id: row.event_id,
    sequence: Number(row.sequence),
    type: row.type,
    chargePointId: row.charge_point_id,
    occurredAt: new Date(row.occurred_at!).toISOString(),
    data: row.payload,
  });
  const outcome = await post(
    row.url,
    body,
    {
      'content-type': 'application/json',
      'user-agent': 'QCharge-Webhooks/1',
      'QCharge-Event-Id': row.event_id,
      'QCharge-Event-Type': row.type!,
      'QCharge-Signature': signature(row.secret, Math.floor(Date.now() / 1000), body),
    },
    app.config.webhookAllowPrivate,
  );
  if (outcome.httpStatus !== null && outcome.httpStatus >= 200 && outcome.httpStatus < 300) return final('DELIVERED', outcome.httpStatus, null);
  const windowMs = app.config.webhookRetryHours * 3_600_000;
  const deadline = new Date(row.first_attempt_at).getTime() + windowMs;
  const now = clock.now().getTime();
  if (now >= deadline) return final('DEAD', outcome.httpStatus, outcome.error);
  const nextAt = new Date(Math.min(now + retryDelayMs(row.attempt, windowMs), deadline));
  await tenantEm(app.orm, row.tenant_id).transactional(async (tx) => {
    const changed = await tenantSql<{ id: string }>(
      tx,
      `update webhook_delivery set status = 'FAILED', http_status = ?, error = ?, next_attempt_at = ?, claimed_until = null
        where tenant_id = $tenant and id = ? and status = 'PENDING' returning id`,
      [outcome.httpStatus, outcome.error?.slice(0, 500) ?? null, nextAt, row.id],
    );
    // Another worker finished it meanwhile (its claim lapsed and was taken again): it made the next attempt, if any.
    if (changed.length === 0) return;
    await tenantSql(
      tx,
      `insert into webhook_delivery (id, tenant_id, webhook_id, event_id, attempt, status, created_at, next_attempt_at, first_attempt_at)
       values (?, $tenant, ?, ?, ?, 'PENDING', ?, ?, ?)`,
      [randomUUID(), row.webhook_id, row.event_id, row.attempt + 1, clock.now(), nextAt, new Date(row.first_attempt_at)],
    );
  });
  return undefined;
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
