import { Migration } from '@mikro-orm/migrations';

/**
 * StopTransaction's one statement as a PL/pgSQL function, so PostgreSQL keeps its plan per connection (as
 * qcharge_start_transaction, Migration20261206230000_start_transaction_function). The caller
 * (src/modules/transaction/transaction.service.ts, stopTransaction) stores the events it answers in the same
 * statement. SECURITY INVOKER (the default): it runs in the caller's role and tenant, under row-level security.
 *
 * What it does: reads the stop's id tag (for the answer); stops the transaction (`p_id` of charge point
 * `p_cp`) if it is not stopped yet: an abandoned one is stopped after all, with its real meterStop, a refused
 * one stays REFUSED; stores the transactionData (`p_meter_value`: [{timestamp, sampledValue}] with OCPP's
 * defaults filled in) linked when it stopped the transaction, unlinked when the transaction is unknown or
 * another charge point's, not at all when it was stopped already (values stored before are skipped); removes
 * the stopped transaction's TxProfiles; answers the tag, the stopped transaction, whether the transaction
 * exists, the charge point's site-limit group and the TRANSACTION_STOPPED event (payload as
 * transaction.service.ts's transactionView). Two stops of one transaction at once: the update's row lock
 * lets one stop it.
 */
export class Migration20261206233000_stop_transaction_function extends Migration {

  override async up(): Promise<void> {
    this.addSql(String.raw`create or replace function qcharge_stop_transaction(
        p_tenant uuid, p_id integer, p_cp varchar, p_key varchar, p_stop_ts timestamptz, p_meter_stop bigint, p_reason varchar,
        p_stop_id_tag varchar, p_now timestamptz, p_meter_value jsonb
      ) returns jsonb language plpgsql volatile as $fn$
      declare
        answer jsonb;
      begin
        with tag as (
          select g.status, g.expiry_date, g.parent_id_tag from id_tag g where g.tenant_id = p_tenant and g.id_tag_key = p_key
        ), target as (
          select t.id from charging_transaction t where t.tenant_id = p_tenant and t.id = p_id and t.charge_point_id = p_cp
        ), stopped as (
          update charging_transaction t
             set stop_timestamp = p_stop_ts, meter_stop = p_meter_stop, stop_reason = p_reason, stop_id_tag = p_stop_id_tag, stopped_at = p_now,
                 state = case when t.state = 'REFUSED' then t.state else 'STOPPED' end
           where t.tenant_id = p_tenant and t.id = p_id and t.charge_point_id = p_cp and t.stop_timestamp is null
          returning t.*
        ), meter_rows as (
          insert into meter_value (tenant_id, charge_point_id, connector_id, transaction_id, timestamp, sampled_value, received_at)
          select p_tenant, p_cp, coalesce(s.connector_id, 0), s.id, (e.value->>'timestamp')::timestamptz, e.value->'sampledValue', p_now
            from (select 1) one left join stopped s on true
           cross join lateral jsonb_array_elements(p_meter_value) with ordinality as e(value, position)
           where s.id is not null or not exists (select 1 from target)
           order by e.position
          on conflict do nothing
        ), profiles as (
          delete from charging_profile p using stopped s
           where p.tenant_id = p_tenant and p.charge_point_id = s.charge_point_id and p.transaction_id = s.id and p.charging_profile_purpose = 'TxProfile'
        ), new_events as (
          select 1 as i, s.tenant_id, 'TRANSACTION_STOPPED' as type, s.charge_point_id,
                 jsonb_build_object('id', s.id, 'chargePointId', s.charge_point_id, 'connectorId', s.connector_id, 'idTag', s.id_tag,
                   'startTimestamp', to_char(s.start_timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   'stopTimestamp', to_char(s.stop_timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   'meterStart', s.meter_start, 'meterStop', s.meter_stop, 'energyWh', s.meter_stop - s.meter_start, 'stopReason', s.stop_reason,
                   'reservationId', s.reservation_id, 'state', s.state, 'abandonedBy', s.abandoned_by,
                   'abandonedAt', to_char(s.abandoned_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'event', 'STOPPED') as payload
            from stopped s
        )
        select jsonb_build_object(
                 'tag', (select to_jsonb(tag) from tag),
                 'stopped', (select to_jsonb(s) from stopped s),
                 'found', exists (select 1 from target),
                 'group_id', (select m.group_id from charging_group_member m where m.tenant_id = p_tenant and m.charge_point_id = p_cp limit 1),
                 'events', (select coalesce(jsonb_agg(to_jsonb(e) order by e.i), '[]'::jsonb) from new_events e))
          into answer;
        return answer;
      end
      $fn$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists qcharge_stop_transaction(uuid, integer, varchar, varchar, timestamptz, bigint, varchar, varchar, timestamptz, jsonb);`);
  }

}
