import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context';
import { tenantSql, type TenantEm } from '../../platform/db';
import { BadInputError, NotFoundError } from '../../platform/errors';
import { clock } from '../../platform/clock';
import { EVENT_TYPES } from '../event/event-types';
import { nudgeWebhookDispatch } from './webhook-dispatcher';
import { checkWebhookUrl } from './webhook-target';
import { Webhook, WebhookDelivery } from './webhook.entity';

/** Endpoints per tenant: each costs a delivery per event it wants. */
const MAX_WEBHOOKS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function webhookView(w: Webhook) {
  return { id: w.id, url: w.url, eventTypes: w.eventTypes, description: w.description, enabled: w.enabled };
}

function checkTypes(types: readonly string[]): string[] {
  if (types.length === 0) throw new BadInputError('eventTypes must name at least one event type', 'eventTypes');
  for (const type of types) if (!(EVENT_TYPES as readonly string[]).includes(type)) throw new BadInputError(`Unknown event type ${type}`, 'eventTypes');
  return [...new Set(types)];
}

async function findWebhook(em: TenantEm, id: string): Promise<Webhook> {
  const webhook = UUID.test(id) ? await em.findOne(Webhook, { id }) : null;
  if (!webhook) throw new NotFoundError(`Webhook ${id} not found`);
  return webhook;
}

export async function createWebhook(app: AppContext, em: TenantEm, tenantId: string, input: { url: string; eventTypes: readonly string[]; description?: string | null }) {
  const url = await checkWebhookUrl(input.url, app.config.webhookAllowPrivate);
  const eventTypes = checkTypes(input.eventTypes);
  if (input.description && input.description.length > 500) throw new BadInputError('description is longer than 500 characters', 'description');
  if ((await em.count(Webhook, {})) >= MAX_WEBHOOKS) throw new BadInputError(`A tenant may have at most ${MAX_WEBHOOKS} webhooks`);
  const secret = `whsec_${randomBytes(24).toString('hex')}`;
  const webhook = em.create(Webhook, { id: randomUUID(), tenantId, url, eventTypes, description: input.description ?? null, secret, createdAt: clock.now() });
  await em.persistAndFlush(webhook);
  return { webhook, secret };
}

export async function updateWebhook(app: AppContext, em: TenantEm, input: { id: string; url?: string | null; eventTypes?: readonly string[] | null; enabled?: boolean | null }) {
  const webhook = await findWebhook(em, input.id);
  if (input.url != null) webhook.url = await checkWebhookUrl(input.url, app.config.webhookAllowPrivate);
  if (input.eventTypes != null) webhook.eventTypes = checkTypes(input.eventTypes);
  if (input.enabled != null) webhook.enabled = input.enabled;
  await em.flush();
  return webhook;
}

export async function deleteWebhook(em: TenantEm, id: string) {
  const webhook = await findWebhook(em, id);
  await em.transactional(async (tx) => {
    await tenantSql(tx, 'delete from webhook_delivery where tenant_id = $tenant and webhook_id = ?', [webhook.id]);
    await tx.nativeDelete(Webhook, { id: webhook.id });
  });
}

export async function listWebhooks(em: TenantEm, afterCreatedId: string | undefined, limit: number) {
  const where = afterCreatedId ? { id: { $gt: afterCreatedId } } : {};
  const [rows, totalCount] = await Promise.all([em.find(Webhook, where, { orderBy: { id: 'asc' }, limit }), em.count(Webhook, {})]);
  return { rows, totalCount };
}

/** A webhook's delivery attempts, newest first, before the (createdAt, id) of a cursor. */
export async function listDeliveries(em: TenantEm, webhookId: string, before: { at: Date; id: string } | undefined, limit: number) {
  const webhook = await findWebhook(em, webhookId);
  const where: Record<string, unknown> = { webhookId: webhook.id };
  if (before) where.$or = [{ createdAt: { $lt: before.at } }, { createdAt: before.at, id: { $lt: before.id } }];
  return em.find(WebhookDelivery, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
}

export function deliveryView(d: WebhookDelivery) {
  return {
    id: d.id,
    eventId: d.eventId,
    attempt: d.attempt,
    status: d.status as 'PENDING' | 'DELIVERED' | 'FAILED' | 'DEAD',
    httpStatus: d.httpStatus,
    error: d.error,
    createdAt: d.createdAt,
    nextAttemptAt: d.nextAttemptAt,
  };
}

/** Sends an event again: a new attempt (with a fresh retry window) for the delivery's webhook and event. */
export async function redeliver(app: AppContext, em: TenantEm, tenantId: string, deliveryId: string) {
  const original = UUID.test(deliveryId) ? await em.findOne(WebhookDelivery, { id: deliveryId }) : null;
  if (!original) throw new NotFoundError(`Webhook delivery ${deliveryId} not found`);
  const now = clock.now();
  const last = await em.findOne(WebhookDelivery, { webhookId: original.webhookId, eventId: original.eventId }, { orderBy: { attempt: 'desc' } });
  const delivery = em.create(WebhookDelivery, {
    id: randomUUID(),
    tenantId,
    webhookId: original.webhookId,
    eventId: original.eventId,
    attempt: (last?.attempt ?? original.attempt) + 1,
    status: 'PENDING',
    createdAt: now,
    nextAttemptAt: now,
    firstAttemptAt: now,
  });
  await em.persistAndFlush(delivery);
  nudgeWebhookDispatch(app);
  return delivery;
}
