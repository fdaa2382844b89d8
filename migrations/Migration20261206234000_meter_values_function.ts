import { Migration } from '@mikro-orm/migrations';

/**
 * The MeterValues group commit's statement as a PL/pgSQL function, so PostgreSQL keeps its plan per
 * connection (as qcharge_start_transaction, Migration20261206230000_start_transaction_function). The caller
 * (src/modules/transaction/transaction.service.ts, MeterValuesWriter) stores the events it answers in the same
 * statement; it runs in the platform scope (a batch spans tenants: every row names its own tenant).
 *
 * `p_input`: one element per request, {i, tenant_id, charge_point_id, connector_id, transaction_id,
 * meter_value: [{timestamp, sampledValue}] with OCPP's defaults filled in, sent: the values as the charger
 * sent them, for the event}. A request's values are linked to the transaction it names only when that is
 * its charge point's, in its tenant; values already stored (a request resent) are skipped. It answers the
 * linked transactions (with their request's `i`) and a TRANSACTION_UPDATED event per linked request
 * (payload as transaction.service.ts's transactionView, with event METER_VALUES and meterValue).
 */
export class Migration20261206234000_meter_values_function extends Migration {

  override async up(): Promise<void> {
    this.addSql(String.raw`create or replace function qcharge_store_meter_values(p_input jsonb, p_now timestamptz) returns jsonb language plpgsql volatile as $fn$
      declare
        answer jsonb;
      begin
        with input as (
          select * from jsonb_to_recordset(p_input)
            as x(i integer, tenant_id uuid, charge_point_id varchar, connector_id integer, transaction_id integer, meter_value jsonb, sent jsonb)
        ), linked as (
          select x.i, t.id, t.charge_point_id, t.connector_id, t.id_tag, t.start_timestamp, t.stop_timestamp, t.meter_start, t.meter_stop, t.stop_reason,
                 t.reservation_id, t.state, t.abandoned_by, t.abandoned_at
            from input x join charging_transaction t
              on t.tenant_id = x.tenant_id and t.charge_point_id = x.charge_point_id and t.id = x.transaction_id
        ), meter_rows as (
          insert into meter_value (tenant_id, charge_point_id, connector_id, transaction_id, timestamp, sampled_value, received_at)
          select x.tenant_id, x.charge_point_id, x.connector_id, l.id, (e.value->>'timestamp')::timestamptz, e.value->'sampledValue', p_now
            from input x
            left join linked l on l.i = x.i
            cross join lateral jsonb_array_elements(x.meter_value) with ordinality as e(value, position)
           order by x.i, e.position
          on conflict do nothing
        ), new_events as (
          select x.i, x.tenant_id, 'TRANSACTION_UPDATED' as type, x.charge_point_id,
                 jsonb_build_object('id', l.id, 'chargePointId', l.charge_point_id, 'connectorId', l.connector_id, 'idTag', l.id_tag,
                   'startTimestamp', to_char(l.start_timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   'stopTimestamp', to_char(l.stop_timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   'meterStart', l.meter_start, 'meterStop', l.meter_stop, 'energyWh', l.meter_stop - l.meter_start, 'stopReason', l.stop_reason,
                   'reservationId', l.reservation_id, 'state', l.state, 'abandonedBy', l.abandoned_by,
                   'abandonedAt', to_char(l.abandoned_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                 || jsonb_build_object('event', 'METER_VALUES', 'meterValue', x.sent) as payload
            from input x join linked l on l.i = x.i
        )
        select jsonb_build_object(
                 'linked', (select coalesce(jsonb_agg(to_jsonb(l)), '[]'::jsonb) from linked l),
                 'events', (select coalesce(jsonb_agg(to_jsonb(e) order by e.i), '[]'::jsonb) from new_events e))
          into answer;
        return answer;
      end
      $fn$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists qcharge_store_meter_values(jsonb, timestamptz);`);
  }

}
