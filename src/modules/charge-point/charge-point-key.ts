/** One charge point across tenants, as a map key: ids are unique only within a tenant, and neither holds a NUL. */
export function chargePointKey(tenantId: string, chargePointId: string): string {
  return `${tenantId}\u0000${chargePointId}`;
}
