import type { AuthorizeResponse } from '../../ocpp/generated/ocpp16';
import { tenantSql, type TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { judgeReservations } from '../reservation/reservation.service';
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
  const info = idTagInfoOf(tag);
  if (tag && info.status === 'Accepted' && options.startingAt && (await runsElsewhere(em, tag, options.startingAt))) info.status = 'ConcurrentTx';
  return info;
}

/**
 * Authorize: the tenant's verdict on an id tag at a charge point, reservations for other tags included
 * (judgeReservations), read in one statement: the tag, the charge point's reservations in force, and its
 * connectors when there are some.
 */
export async function authorizeAt(em: TenantEm, chargePointId: string, idTag: string): Promise<IdTagInfo> {
  const [row] = await tenantSql<{ tag: IdTagRow | null; held: Array<{ connector_id: number; id_tag: string; parent_id_tag: string | null }>; connectors: Array<{ connector_id: number; status: string }> }>(
    em,
    `with tag as (
       select g.status, g.expiry_date, g.parent_id_tag from id_tag g where g.tenant_id = $tenant and g.id_tag_key = ?
     ), held as (
       select r.connector_id, r.id_tag, r.parent_id_tag from reservation r
        where r.tenant_id = $tenant and r.charge_point_id = ? and r.status = 'ACTIVE' and r.expiry_date > ?
     )
     select (select to_jsonb(tag) from tag) as tag,
            (select coalesce(jsonb_agg(to_jsonb(held)), '[]'::jsonb) from held) as held,
            (select coalesce(jsonb_agg(jsonb_build_object('connector_id', c.connector_id, 'status', c.status)), '[]'::jsonb) from connector c
              where c.tenant_id = $tenant and c.charge_point_id = ? and c.connector_id > 0 and exists (select 1 from held)) as connectors`,
    [idTagKey(idTag), chargePointId, clock.now(), chargePointId],
  );
  const reservations = row.held.map((r) => ({ connectorId: r.connector_id, idTag: r.id_tag, parentIdTag: r.parent_id_tag }));
  const connectors = row.connectors.map((c) => ({ connectorId: c.connector_id, status: c.status }));
  return judgeReservations(idTagInfoOf(row.tag), idTag, reservations, connectors);
}

/** An id tag's row as a statement answers it (`to_jsonb`: timestamps as text). */
export interface IdTagRow {
  status: IdTag['status'];
  expiry_date: string | null;
  parent_id_tag: string | null;
}

/** OCPP's IdTagInfo of a tag (an entity or a row; none: Invalid), before ConcurrentTx and reservations. */
export function idTagInfoOf(tag: Pick<IdTag, 'status' | 'expiryDate' | 'parentIdTag'> | IdTagRow | null): IdTagInfo {
  if (!tag) return { status: 'Invalid' };
  const expiry = 'expiry_date' in tag ? (tag.expiry_date === null ? null : new Date(tag.expiry_date)) : (tag.expiryDate ?? null);
  const parent = 'parent_id_tag' in tag ? tag.parent_id_tag : tag.parentIdTag;
  const info: IdTagInfo = { status: tag.status };
  if (expiry) info.expiryDate = expiry.toISOString();
  if (parent) info.parentIdTag = parent;
  if (info.status === 'Accepted' && expiry && expiry.getTime() <= clock.now().getTime()) info.status = 'Expired';
  return info;
}

/**
 * Whether the tag has a transaction running anywhere but where it now starts, as an SQL condition on the
 * expressions `key` (the tag's key), `chargePointId` and `connectorId` (where it starts). Open is not always running:
 * - a start that was refused is recorded too (REFUSED), and its charger may never send the stop: only ACTIVE ones run;
 * - a connector holds one transaction at a time, so one still open where the tag starts now, or one with a later
 *   start on its own connector, lost its StopTransaction (a reboot, say) and runs no more.
 * Such a transaction is left open for that StopTransaction, should it come late.
 * StartTransaction's function qcharge_start_transaction (its migration) tests the same condition.
 */
function runsElsewhereSql(key: string, chargePointId: string, connectorId: string): string {
  return `exists (
       select 1 from charging_transaction running
        where running.tenant_id = $tenant and running.id_tag_key = ${key} and running.state = 'ACTIVE'
          and not (running.charge_point_id = ${chargePointId} and running.connector_id = ${connectorId})
          and not exists (
            select 1 from charging_transaction later
             where later.tenant_id = running.tenant_id and later.charge_point_id = running.charge_point_id
               and later.connector_id = running.connector_id and later.start_timestamp > running.start_timestamp))`;
}

async function runsElsewhere(em: TenantEm, tag: IdTag, place: StartPlace): Promise<boolean> {
  // Inside the StartTransaction's locked transaction when there is one: on its connection, never a second one from the pool.
  const [row] = await tenantSql<{ running: boolean }>(em, `select ${runsElsewhereSql('?', '?', '?')} as running`, [tag.idTagKey, place.chargePointId, place.connectorId]);
  return row.running;
}
