import { isDataError } from '../../platform/async';
import { platformSql, type Orm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { GroupCommit, retryingConflicts } from '../../platform/group-commit';
import { inRowOrder } from './charge-point-key';
import type { BootNotificationRequest } from '../../ocpp/generated/ocpp16';
import type { RegistrationStatus } from './charge-point.entity';

interface BootWrite {
  tenantId: string;
  chargePointId: string;
  boot: BootNotificationRequest;
  at: Date;
}

interface BootRow {
  i: number;
  registration_status: RegistrationStatus;
  heartbeat_interval_s: number | null;
  active_transactions: boolean;
}

/**
 * What BootNotifications say about their charge points, stored in one statement per batch: boots that
 * arrive while one is in flight go together in the next (a reconnect storm is thousands at once). Rows name
 * their tenant, so a batch may span tenants (a platform-scope statement). The update returns, per boot, the
 * registration status and interval it answers with, and whether the charge point has ACTIVE transactions
 * (all received before this boot), which a StatusNotification after it may abandon: without any, its
 * StatusNotifications skip that query. Of two boots of one charge point in a batch (it can only be
 * connected twice at once through two nodes) the update takes one; the other is written again alone.
 */
const BOOT_UPDATE = `update charge_point as c
    set vendor = v.vendor, model = v.model, serial_number = v.serial_number, charge_box_serial_number = v.charge_box_serial_number,
        firmware_version = v.firmware_version, iccid = v.iccid, imsi = v.imsi, meter_type = v.meter_type,
        meter_serial_number = v.meter_serial_number, last_boot_at = v.at, last_seen_at = v.at
   from jsonb_to_recordset(?::jsonb) as v(i integer, tenant_id uuid, identity varchar, vendor varchar, model varchar, serial_number varchar,
        charge_box_serial_number varchar, firmware_version varchar, iccid varchar, imsi varchar, meter_type varchar, meter_serial_number varchar, at timestamptz)
  where c.tenant_id = v.tenant_id and c.identity = v.identity
returning v.i, c.registration_status, c.heartbeat_interval_s,
          exists (select 1 from charging_transaction t
                   where t.tenant_id = c.tenant_id and t.charge_point_id = c.identity and t.state = 'ACTIVE') as active_transactions`;

async function writeBoots(orm: Orm, writes: BootWrite[]): Promise<Array<BootRow | undefined>> {
  const rows = writes.map(({ tenantId, chargePointId, boot, at }, i) => ({
    i,
    tenant_id: tenantId,
    identity: chargePointId,
    vendor: boot.chargePointVendor,
    model: boot.chargePointModel,
    serial_number: boot.chargePointSerialNumber ?? null,
    charge_box_serial_number: boot.chargeBoxSerialNumber ?? null,
    firmware_version: boot.firmwareVersion ?? null,
    iccid: boot.iccid ?? null,
    imsi: boot.imsi ?? null,
    meter_type: boot.meterType ?? null,
    meter_serial_number: boot.meterSerialNumber ?? null,
    at: at.toISOString(),
  }));
  const updated = await retryingConflicts(() => platformSql<BootRow>(orm, BOOT_UPDATE, [JSON.stringify(inRowOrder(rows))]));
  const byIndex: Array<BootRow | undefined> = writes.map(() => undefined);
  for (const row of updated) byIndex[row.i] = row;
  return byIndex;
}

const writers = new WeakMap<Orm, GroupCommit<BootWrite, BootRow | undefined>>();

function bootWriter(orm: Orm): GroupCommit<BootWrite, BootRow | undefined> {
  let writer = writers.get(orm);
  if (!writer) {
    // One statement in flight: a storm's boots trickle in, and with two each statement carried fewer (10,000-charger storm: 2,435 and 2,704 statements; with one, 1,641 and 934).
    writer = new GroupCommit((writes) => writeBoots(orm, writes), { maxInFlight: 1, maxBatch: 500, maxWaiting: 20_000, splitOn: isDataError });
    writers.set(orm, writer);
  }
  return writer;
}

/** Stores a BootNotification (before it is answered) and decides the registration answer. */
export async function recordBoot(orm: Orm, tenantId: string, chargePointId: string, boot: BootNotificationRequest, defaultIntervalS: number) {
  const write = { tenantId, chargePointId, boot, at: clock.now() };
  // A row not updated: the charge point was deleted meanwhile, or a second boot of it in the same batch.
  const cp = (await bootWriter(orm).submit(write)) ?? (await writeBoots(orm, [write]))[0];
  // Deleted while connected: the same failure the charge point got when this was a find.
  if (!cp) throw new Error(`Charge point ${chargePointId} not found`);
  return {
    answer: { status: cp.registration_status, currentTime: write.at.toISOString(), interval: cp.heartbeat_interval_s ?? defaultIntervalS },
    activeTransactions: cp.active_transactions,
  };
}
