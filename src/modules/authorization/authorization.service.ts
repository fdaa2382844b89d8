import type { AuthorizeResponse } from '../../ocpp/generated/ocpp16';
import { tenantSql, type TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { IdTag, idTagKey } from './id-tag.entity';

/** OCPP's IdTagInfo, as the schemas type it (the same in Authorize, StartTransaction and StopTransaction). */
export type IdTagInfo = AuthorizeResponse['idTagInfo'];

/** Where a StartTransaction begins: the place ConcurrentTx is judged from. */
export interface StartPlace {
  chargePointId: string;
  connectorId: number;
}

/** The tenant's verdict on an id tag, as OCPP's IdTagInfo; with `startingAt`, also ConcurrentTx. */
export async function authorizeIdTag(em: TenantEm, idTag: string, options: { startingAt?: StartPlace } = {}): Promise<IdTagInfo> {
  const tag = await em.findOne(IdTag, { idTagKey: idTagKey(idTag) });
  if (!tag) return { status: 'Invalid' };
  const info: IdTagInfo = { status: tag.status };
  if (tag.expiryDate) info.expiryDate = tag.expiryDate.toISOString();
  if (tag.parentIdTag) info.parentIdTag = tag.parentIdTag;
  if (info.status === 'Accepted' && tag.expiryDate && tag.expiryDate.getTime() <= clock.now().getTime()) info.status = 'Expired';
  if (info.status === 'Accepted' && options.startingAt && (await runsElsewhere(em, tag, options.startingAt))) info.status = 'ConcurrentTx';
  return info;
}

/**
 * Whether the tag has a transaction running anywhere but where it now starts. Open is not always running:
 * - a start that was refused is recorded too (REFUSED), and its charger may never send the stop: only ACTIVE ones run;
 * - a connector holds one transaction at a time, so one still open where the tag starts now, or one with a later
 *   start on its own connector, lost its StopTransaction (a reboot, say) and runs no more.
 * Such a transaction is left open for that StopTransaction, should it come late.
 */
async function runsElsewhere(em: TenantEm, tag: IdTag, place: StartPlace): Promise<boolean> {
  // Inside the StartTransaction's locked transaction when there is one: on its connection, never a second one from the pool.
  const [row] = await tenantSql<{ running: boolean }>(
    em,
    `select exists (
       select 1 from charging_transaction t
        where t.tenant_id = $tenant and t.id_tag_key = ? and t.state = 'ACTIVE'
          and not (t.charge_point_id = ? and t.connector_id = ?)
          and not exists (
            select 1 from charging_transaction later
             where later.tenant_id = t.tenant_id and later.charge_point_id = t.charge_point_id
               and later.connector_id = t.connector_id and later.start_timestamp > t.start_timestamp)
     ) as running`,
    [tag.idTagKey, place.chargePointId, place.connectorId],
  );
  return row.running;
}
