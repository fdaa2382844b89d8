/** One charge point across tenants, as a map key: ids are unique only within a tenant, and neither holds a NUL. */
export function chargePointKey(tenantId: string, chargePointId: string): string {
  return `${tenantId}\u0000${chargePointId}`;
}

/**
 * Batches that update many charge_point rows list them in one order (tenant, identity), so two batches
 * locking rows one after the other meet them in the same order rather than deadlocking.
 */
export function inRowOrder<R extends { tenant_id: string; identity: string }>(rows: R[]): R[] {
  return rows.sort((a, b) => (a.tenant_id < b.tenant_id ? -1 : a.tenant_id > b.tenant_id ? 1 : a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0));
}
