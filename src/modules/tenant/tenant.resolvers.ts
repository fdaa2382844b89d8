import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { listConnection } from '../../api/pagination';
import { platformEm } from '../../platform/db';
import { NotFoundError } from '../../platform/errors';
import { ApiKey } from './api-key.entity';
import { Tenant } from './tenant.entity';
import { createApiKey, createTenant, revokeApiKey } from './tenant.service';
import { forgetApiKey } from '../../api/auth';

const PAGE = { fallback: 50, max: 1000 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tenants (platform admin) and the tenant's own API keys (OWNER). */
export const tenantApi: ApiModule = {
  permissions: {
    'Query.tenants': 'admin',
    'Mutation.createTenant': 'admin',
    'Query.me': 'read',
    'Query.apiKeys': 'manageKeys',
    'Mutation.createApiKey': 'manageKeys',
    'Mutation.revokeApiKey': 'manageKeys',
  },
  resolvers: {
    Query: {
      tenants: async (_parent, args, ctx) =>
        listConnection(await platformEm(ctx.app.orm).find(Tenant, {}, { orderBy: { createdAt: 'asc', id: 'asc' } }), args, (t) => t.id, (t) => t, PAGE),
      async me(_parent, _args, ctx) {
        const { tenantId } = tenantScope(ctx);
        const tenant = await platformEm(ctx.app.orm).findOne(Tenant, { id: tenantId });
        if (!tenant) throw new NotFoundError('Tenant not found');
        return tenant;
      },
      apiKeys: async (_parent, args, ctx) =>
        listConnection(await tenantScope(ctx).em.find(ApiKey, {}, { orderBy: { createdAt: 'asc', id: 'asc' } }), args, (k) => k.id, (k) => k, PAGE),
    },
    Mutation: {
      async createTenant(_parent, { input }, ctx) {
        const { tenant, secret } = await createTenant(ctx.app.orm, input);
        return { tenant, apiKey: secret };
      },
      async createApiKey(_parent, { input }, ctx) {
        const { tenantId, em } = tenantScope(ctx);
        return createApiKey(em, tenantId, input);
      },
      async revokeApiKey(_parent, { input }, ctx) {
        // Key ids are UUIDs; anything else cannot exist, and must not reach PostgreSQL as a uuid.
        if (!UUID.test(input.id)) throw new NotFoundError('API key not found');
        const apiKey = await revokeApiKey(tenantScope(ctx).em, input.id);
        forgetApiKey(ctx.app, apiKey.id);
        return { apiKey };
      },
    },
    ApiKey: {
      // The secret's hash stays server-side; the schema does not expose it and neither does this type.
      revokedAt: (key) => key.revokedAt ?? null,
    },
  },
};
