import type { AppContext } from '../../app-context';
import { QUIRKS, repairPayload, type Quirk } from '../../ocpp/quirks';
import { tenantEm, tenantSql } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import { quirkRepairs } from '../../platform/metrics';

/**
 * The pre-validation repair of one connection, with the charge point's `compatibility` as it was read at
 * the upgrade; each repaired frame is counted (metrics, and per quirk on the charge point for the API) and
 * logged. A charge point without quirks has none (undefined), so costs nothing per frame.
 */
export function quirkRepairer(app: AppContext, identity: { tenantId: string; chargePointId: string; compatibility: unknown }, log: () => Logger) {
  const quirks = knownQuirks(identity.compatibility);
  // No repair step at all (not one that returns the payload): the session then answers without a promise.
  if (quirks.size === 0) return undefined;
  return async (action: string, payload: unknown, uniqueId: string): Promise<unknown> => {
    const { payload: repaired, repaired: used } = repairPayload(action, payload, quirks);
    if (used.length === 0) return payload;
    for (const quirk of used) quirkRepairs.labels(identity.tenantId, quirk).inc();
    log().info({ uniqueId, action, quirks: used }, 'payload repaired');
    await tenantSql(
      tenantEm(app.orm, identity.tenantId),
      `update charge_point
          set quirk_repairs = quirk_repairs || (
            select jsonb_object_agg(q, coalesce((quirk_repairs->>q)::integer, 0) + 1) from jsonb_array_elements_text(?::jsonb) as q)
        where tenant_id = $tenant and identity = ?`,
      [JSON.stringify(used), identity.chargePointId],
    ).catch((error) => log().warn({ err: error }, 'counting a quirk repair failed'));
    return repaired;
  };
}

function knownQuirks(compatibility: unknown): ReadonlySet<Quirk> {
  const listed: unknown[] = Array.isArray(compatibility) ? compatibility : [];
  return new Set(listed.filter((q): q is Quirk => (QUIRKS as readonly string[]).includes(q as string)));
}
