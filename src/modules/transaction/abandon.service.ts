import type { ChargePointContext } from '../../ingress/handler-context';
import { tenantSql, type TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { scheduleRebalanceFor } from '../smart-charging/site-limit.jobs';
import { removeTransactionProfiles } from '../smart-charging/smart-charging.service';
import { transactionFields, transactionView, type TransactionFields, type TransactionRow } from './transaction.service';

/**
 * Orphaned sessions: a charger that reboots, or starts anew on a connector, without stopping what ran there
 * leaves that transaction open. It is closed here as ABANDONED, only on evidence that it runs no more, with
 * the evidence kept (abandonedBy) and the last energy register known as its meterStop. Its stopTimestamp
 * stays null, so a StopTransaction that comes later (buffered offline) still stops it, with the real values.
 */

/** Statuses in which, by OCPP 1.6 (4.9), a connector has no transaction: Finishing or Faulted may still have one. */
const NO_TRANSACTION = new Set(['Available', 'Preparing', 'Reserved']);

/** The newest energy register of the transaction (Wh; kWh converted), its meterStart when it sent none. No `?` in it: knex would bind one. */
const BEST_KNOWN_METER = `coalesce((
  select round(case when lower(sv->>'unit') = 'kwh' then (sv->>'value')::numeric * 1000 else (sv->>'value')::numeric end)
    from meter_value m cross join lateral jsonb_array_elements(m.sampled_value) sv
   where m.tenant_id = t.tenant_id and m.transaction_id = t.id
     and sv->>'measurand' = 'Energy.Active.Import.Register' and sv->>'format' = 'Raw' and coalesce(sv->>'phase', '') = ''
     and coalesce(lower(sv->>'unit'), 'wh') in ('wh', 'kwh') and sv->>'value' ~ '^[0-9]{1,15}(\\.[0-9]*){0,1}$'
   order by m.timestamp desc
   limit 1), t.meter_start)`;

/**
 * Closes the ACTIVE transactions of one connector that match `condition` (SQL on `t`, then its parameters).
 * The state is tested by the update itself, so a StopTransaction that got there first wins.
 */
async function abandon(em: TenantEm, chargePointId: string, connectorId: number, evidence: string, condition: string, params: unknown[]) {
  const rows = await tenantSql<TransactionRow>(
    em,
    `update charging_transaction t
        set state = 'ABANDONED', abandoned_by = ?, abandoned_at = ?, meter_stop = ${BEST_KNOWN_METER}
      where t.tenant_id = $tenant and t.charge_point_id = ? and t.connector_id = ? and t.state = 'ACTIVE' and ${condition}
      returning t.*`,
    [evidence, clock.now(), chargePointId, connectorId, ...params],
  );
  return rows.map(transactionFields);
}

/*
 * A new StartTransaction on a connector ends the transactions that started there before it (one that started
 * later is left alone: the new start is an older one delivered late, buffered offline). That is part of
 * StartTransaction's statement, the function qcharge_start_transaction (its migration), with BEST_KNOWN_METER
 * as above: a change to either belongs in both.
 */

/**
 * After a BootNotification, a connector reported free ends the transactions known there before the boot
 * (received before it, and started before the status's own time when it gives one). Transactions that
 * arrive after the boot (buffered offline) are not touched by it.
 */
export async function abandonAfterReboot(em: TenantEm, tenantId: string, chargePointId: string, status: { connectorId: number; status: string; timestamp?: string | null }) {
  if (status.connectorId <= 0 || !NO_TRANSACTION.has(status.status)) return [];
  const at = status.timestamp ? new Date(status.timestamp) : null;
  const evidence = `StatusNotification ${status.status} on connector ${status.connectorId}${at ? ` (${at.toISOString()})` : ''} after a BootNotification`;
  return abandon(
    em,
    chargePointId,
    status.connectorId,
    evidence,
    `exists (select 1 from charge_point cp where cp.tenant_id = t.tenant_id and cp.identity = t.charge_point_id and cp.last_boot_at > t.created_at)
     and (?::timestamptz is null or t.start_timestamp <= ?::timestamptz)`,
    [at, at],
  );
}

/** What follows an abandonment: its TxProfiles go, subscribers hear of it, site limits are shared anew. */
export async function afterAbandoned(ctx: ChargePointContext, abandoned: TransactionFields[]): Promise<void> {
  if (abandoned.length === 0) return;
  for (const transaction of abandoned) {
    await removeTransactionProfiles(ctx.em(), ctx.tenantId, ctx.chargePointId, transaction.id);
    await ctx.app.outbox.record(ctx.em(), [
      { type: 'TRANSACTION_UPDATED', tenantId: ctx.tenantId, chargePointId: ctx.chargePointId, payload: { ...transactionView(transaction), event: 'ABANDONED' } },
    ]);
  }
  void scheduleRebalanceFor(ctx.app, ctx.tenantId, ctx.chargePointId);
}
