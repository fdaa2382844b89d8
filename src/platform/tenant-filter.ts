import { Filter } from '@mikro-orm/core';

export const TENANT_FILTER = 'tenant';

/**
 * Marks an entity as tenant-owned: every query through a tenant-scoped EntityManager gets
 * `tenant_id = :tenantId`. The filter is on by default and has no default argument, so a query
 * outside `tenantEm` fails instead of reading every tenant's rows.
 */
export const TenantOwned = () =>
  Filter({ name: TENANT_FILTER, cond: (args: { tenantId?: string }) => ({ tenantId: args.tenantId }), default: true });
