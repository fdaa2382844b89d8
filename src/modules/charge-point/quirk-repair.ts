import type { AppContext } from '../../app-context';
import { QUIRKS, repairPayload, type Quirk } from '../../ocpp/quirks';
import { tenantEm, tenantSql } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import { quirkRepairs } from '../../platform/metrics';

/**
 * The pre-validation repair of one connection: the charge point's `compatibility` is read once, at its first
 * frame; each repaired frame is counted (metrics, and per quirk on the charge point for the API) and logged.
 * A charge point without quirks costs that one read and nothing per frame.
 */
export function quirkRepairer(app: AppContext, identity: { tenantId: string; chargePointId: string }, log: Logger) {
  let allowed: Promise<ReadonlySet<Quirk>> | undefined;
  return async (action: string, payload: unknown, uniqueId: string): Promise<unknown> => {
    allowed ??= compatibilityOf(app, identity.tenantId, identity.chargePointId);
    const quirks = await allowed;
    if (quirks.size === 0) return payload;
    const { payload: repaired, repaired: used } = repairPayload(action, payload, quirks);
    if (used.length === 0) return payload;
    for (const quirk of used) quirkRepairs.labels(identity.tenantId, quirk).inc();
    log.info({ uniqueId, action, quirks: used }, 'payload repaired');
    await tenantSql(
      tenantEm(app.orm, identity.tenantId),
      `update charge_point
          set quirk_repairs = quirk_repairs || (
            select jsonb_object_agg(q, coalesce((quirk_repairs->>q)::integer, 0) + 1) from jsonb_array_elements_text(?::jsonb) as q)
        where tenant_id = $tenant and identity = ?`,
      [JSON.stringify(used), identity.chargePointId],
    ).catch((error) => log.warn({ err: error }, 'counting a quirk repair failed'));
    return repaired;
  };
}

async function compatibilityOf(app: AppContext, tenantId: string, chargePointId: string): Promise<ReadonlySet<Quirk>> {
  const [row] = await tenantSql<{ compatibility: unknown }>(tenantEm(app.orm, tenantId), 'select compatibility from charge_point where tenant_id = $tenant and identity = ?', [chargePointId]);
  const listed = Array.isArray(row?.compatibility) ? row.compatibility : [];
  return new Set(listed.filter((q): q is Quirk => (QUIRKS as readonly string[]).includes(q)));
}
