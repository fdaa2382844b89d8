import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { pageSize } from '../../api/limits';
import { connection, decodeCursor, decodeTimeIdCursor, timeIdKey } from '../../api/pagination';
import type { EventType } from '../../api/generated/graphql';
import { createWebhook, deleteWebhook, deliveryView, listDeliveries, listWebhooks, redeliver, updateWebhook, webhookView } from './webhook.service';
import type { Webhook } from './webhook.entity';

const MAX_PAGE = 200;

function toNode(w: Webhook) {
  return { ...webhookView(w), eventTypes: w.eventTypes as EventType[] };
}

/** Webhooks and their delivery log: OWNER keys only (a webhook sends the tenant's events out). */
export const webhookApi: ApiModule = {
  permissions: {
    'Query.webhooks': 'manageKeys',
    'Query.webhookDeliveries': 'manageKeys',
    'Mutation.createWebhook': 'manageKeys',
    'Mutation.updateWebhook': 'manageKeys',
    'Mutation.deleteWebhook': 'manageKeys',
    'Mutation.redeliverWebhookEvent': 'manageKeys',
  },
  resolvers: {
    Query: {
      async webhooks(_parent, { first, after }, ctx) {
        const size = pageSize(first, 50, MAX_PAGE);
        const { rows, totalCount } = await listWebhooks(tenantScope(ctx).em, decodeCursor<string>(after, 'string'), size + 1);
        return connection(rows, size, after, (w) => w.id, toNode, totalCount);
      },
      async webhookDeliveries(_parent, { webhookId, first, after }, ctx) {
        const size = pageSize(first, 50, MAX_PAGE);
        const rows = await listDeliveries(tenantScope(ctx).em, webhookId, decodeTimeIdCursor(after), size + 1);
        const { totalCount: _unused, ...page } = connection(rows, size, after, (d) => timeIdKey(d.createdAt, d.id), deliveryView, 0);
        return page;
      },
    },
    Mutation: {
      async createWebhook(_parent, { input }, ctx) {
        const { em, tenantId } = tenantScope(ctx);
        const { webhook, secret } = await createWebhook(ctx.app, em, tenantId, input);
        return { webhook: toNode(webhook), secret };
      },
      async updateWebhook(_parent, { input }, ctx) {
        return { webhook: toNode(await updateWebhook(ctx.app, tenantScope(ctx).em, input)) };
      },
      async deleteWebhook(_parent, { input }, ctx) {
        await deleteWebhook(tenantScope(ctx).em, input.id);
        return { id: input.id };
      },
      async redeliverWebhookEvent(_parent, { input }, ctx) {
        const { em, tenantId } = tenantScope(ctx);
        return { delivery: deliveryView(await redeliver(ctx.app, em, tenantId, input.deliveryId)) };
      },
    },
  },
};
