import { Migration } from '@mikro-orm/migrations';

/**
 * StartTransaction's one statement as a PL/pgSQL function, so PostgreSQL keeps its plan per connection: sent
 * as plain text it was parsed and planned on every start (about 1.5 ms warm, 4 ms on a loaded machine, ten
 * times its execution). The caller (src/modules/transaction/transaction.service.ts, startTransaction) stores
 * the events the function answers in the same statement. SECURITY INVOKER (the default): it runs in the
 * caller's role and tenant, under row-level security.
 *
 * What it does, in one transaction (the caller's):
 * - takes the advisory lock per tenant and id tag, then reads: a VOLATILE function's statements each take a
 *   fresh snapshot, so it sees every start committed before the lock was granted (of simultaneous starts
 *   with one tag, at most one is Accepted);
 * - a repeated start (same charge point, connector, id tag key and start timestamp) is answered as recorded;
 * - else the tag is judged (Invalid, its status, Expired, ConcurrentTx: authorization.service.ts's
 *   runsElsewhere), unless `p_decided_status` is given, and the start is recorded (ACTIVE, or REFUSED when not
 *   Accepted) with `p_decided_reservation`, which it marks USED. With no decision given and a reservation of
 *   the charge point that could play a part (active, or the one named), it records nothing (`started` null):
 *   the caller decides in TypeScript and calls again;
 * - the ACTIVE transactions that started before it on its connector are ABANDONED (abandon.service.ts: their
 *   meterStop is the last energy register known, as BEST_KNOWN_METER there) and lose their TxProfiles;
 * - when accepted, a remote start's pending TxProfile for its id tag is linked to it, and pending ones that
 *   lapsed (its connector, or updated before `p_pending_since`) are dropped (smart-charging.service.ts);
 * - it answers the transaction, the tag, whether it was created, how many were abandoned, the charge point's
 *   site-limit group, and the events (TRANSACTION_UPDATED ABANDONED, then TRANSACTION_STARTED; payloads as
 *   transaction.service.ts's transactionView).
 */
export class Migration20261206230000_start_transaction_function extends Migration {

  override async up(): Promise<void> {
    this.addSql(String.raw`create or replace function qcharge_start_transaction(
        p_tenant uuid, p_cp varchar, p_connector integer, p_id_tag varchar, p_key varchar, p_start_ts timestamptz, p_meter_start bigint,
        p_now timestamptz, p_start_iso text, p_named_reservation integer, p_decided_status varchar, p_decided_reservation integer,
        p_pending_since timestamptz
      ) returns jsonb language plpgsql volatile as $fn$
      declare
        answer jsonb;
      begin
        perform pg_advisory_xact_lock(hashtext(p_tenant::text), hashtext(p_key));
        with existing as (
          select t.* from charging_transaction t
           where t.tenant_id = p_tenant and t.charge_point_id = p_cp and t.connector_id = p_connector and t.id_tag_key = p_key and t.start_timestamp = p_start_ts
        ), tag as (
          select g.status, g.expiry_date, g.parent_id_tag from id_tag g where g.tenant_id = p_tenant and g.id_tag_key = p_key
        ), verdict as (
          select (case
                    when p_decided_status is not null then p_decided_status
                    when tag.status is null then 'Invalid'
                    when tag.status <> 'Accepted' then tag.status
                    when tag.expiry_date is not null and tag.expiry_date <= p_now then 'Expired'
                    when exists (
                      select 1 from charging_transaction running
                       where running.tenant_id = p_tenant and running.id_tag_key = p_key and running.state = 'ACTIVE'
                         and not (running.charge_point_id = p_cp and running.connector_id = p_connector)
                         and not exists (
                           select 1 from charging_transaction later
                            where later.tenant_id = running.tenant_id and later.charge_point_id = running.charge_point_id
                              and later.connector_id = running.connector_id and later.start_timestamp > running.start_timestamp)) then 'ConcurrentTx'
                    else 'Accepted' end)::varchar as status
            from (select 1) one left join tag on true
        ), reserved as (
          select exists (
            select 1 from reservation r
             where r.tenant_id = p_tenant and r.charge_point_id = p_cp
               and ((r.status = 'ACTIVE' and r.expiry_date > p_now) or (r.id = p_named_reservation and r.status in ('PENDING', 'ACTIVE', 'EXPIRED')))) as held
        ), new_id as (
          select nextval('charging_transaction_id_seq')::integer as id from verdict v
           where not exists (select 1 from existing)
             and (p_decided_status is not null or v.status <> 'Accepted' or not (select held from reserved))
        ), inserted as (
          insert into charging_transaction (id, tenant_id, charge_point_id, connector_id, id_tag, id_tag_key, start_status, start_timestamp, meter_start, reservation_id, created_at, state)
          select n.id, p_tenant, p_cp, p_connector, p_id_tag, p_key, v.status, p_start_ts, p_meter_start, p_decided_reservation, p_now,
                 case when v.status = 'Accepted' then 'ACTIVE' else 'REFUSED' end
            from new_id n cross join verdict v
          returning *
        ), consumed as (
          update reservation r set status = 'USED', transaction_id = i.id, updated_at = p_now
            from inserted i
           where r.tenant_id = p_tenant and r.id = i.reservation_id and r.charge_point_id = p_cp
        ), started as (
          select * from inserted union all select * from existing
        ), abandoned as (
          update charging_transaction t
             set state = 'ABANDONED', abandoned_by = 'StartTransaction of transaction ' || s.id || ' (' || p_start_iso || ') on the same connector',
                 abandoned_at = p_now, meter_stop = coalesce((
                   select round(case when lower(sv->>'unit') = 'kwh' then (sv->>'value')::numeric * 1000 else (sv->>'value')::numeric end)
                     from meter_value m cross join lateral jsonb_array_elements(m.sampled_value) sv
                    where m.tenant_id = t.tenant_id and m.transaction_id = t.id
                      and sv->>'measurand' = 'Energy.Active.Import.Register' and sv->>'format' = 'Raw' and coalesce(sv->>'phase', '') = ''
                      and coalesce(lower(sv->>'unit'), 'wh') in ('wh', 'kwh') and sv->>'value' ~ '^[0-9]{1,15}(\.[0-9]*){0,1}$'
                    order by m.timestamp desc
                    limit 1), t.meter_start)
            from started s
           where t.tenant_id = p_tenant and t.charge_point_id = s.charge_point_id and t.connector_id = s.connector_id and t.state = 'ACTIVE'
             and t.id <> s.id and t.start_timestamp < s.start_timestamp
          returning t.*
        ), abandoned_profiles as (
          delete from charging_profile p using abandoned a
           where p.tenant_id = p_tenant and p.charge_point_id = a.charge_point_id and p.transaction_id = a.id and p.charging_profile_purpose = 'TxProfile'
        ), linked_profiles as (
          update charging_profile p set transaction_id = s.id, connector_id = s.connector_id, pending_id_tag_key = null, updated_at = p_now
            from started s
           where s.start_status = 'Accepted' and p.tenant_id = p_tenant and p.charge_point_id = s.charge_point_id
             and p.pending_id_tag_key = s.id_tag_key and p.connector_id in (0, s.connector_id) and p.updated_at > p_pending_since
          returning p.pk
        ), lapsed_profiles as (
          delete from charging_profile p using started s
           where s.start_status = 'Accepted' and p.tenant_id = p_tenant and p.charge_point_id = s.charge_point_id and p.pending_id_tag_key is not null
             and (p.connector_id = s.connector_id or p.updated_at <= p_pending_since)
             and p.pk not in (select pk from linked_profiles)
        ), changed as (
          select a.*, 'TRANSACTION_UPDATED' as type, '{"event":"ABANDONED"}'::jsonb as event from abandoned a
          union all
          select i.*, 'TRANSACTION_STARTED', '{"event":"STARTED"}'::jsonb from inserted i
        ), new_events as (
          select (row_number() over (order by c.type desc, c.id))::integer as i, c.tenant_id, c.type, c.charge_point_id,
                 jsonb_build_object('id', c.id, 'chargePointId', c.charge_point_id, 'connectorId', c.connector_id, 'idTag', c.id_tag,
                   'startTimestamp', to_char(c.start_timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   'stopTimestamp', to_char(c.stop_timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   'meterStart', c.meter_start, 'meterStop', c.meter_stop, 'energyWh', c.meter_stop - c.meter_start, 'stopReason', c.stop_reason,
                   'reservationId', c.reservation_id, 'state', c.state, 'abandonedBy', c.abandoned_by,
                   'abandonedAt', to_char(c.abandoned_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) || c.event as payload
            from changed c
        )
        select jsonb_build_object(
                 'started', (select to_jsonb(s) from started s),
                 'tag', (select to_jsonb(tag) from tag),
                 'created', exists (select 1 from inserted),
                 'abandoned', (select count(*) from abandoned),
                 'group_id', (select m.group_id from charging_group_member m where m.tenant_id = p_tenant and m.charge_point_id = p_cp limit 1),
                 'events', (select coalesce(jsonb_agg(to_jsonb(e) order by e.i), '[]'::jsonb) from new_events e))
          into answer;
        return answer;
      end
      $fn$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists qcharge_start_transaction(uuid, varchar, integer, varchar, varchar, timestamptz, bigint, timestamptz, text, integer, varchar, integer, timestamptz);`);
  }

}
