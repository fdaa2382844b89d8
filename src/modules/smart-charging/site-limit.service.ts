import type { AppContext } from '../../app-context';
import type { TenantEm } from '../../platform/db';
import { DomainError } from '../../platform/errors';
import type { CommandDraft } from '../command/command-hooks';
import { toCommandFailed } from '../command/command.service';
import { ChargingTransaction } from '../transaction/transaction.entity';
import { ChargingGroup, ChargingGroupMember } from './charging-group.entity';
import { ChargingProfile } from './charging-profile.entity';

/**
 * The stackLevel of the TxProfiles the site limit sends. High so it wins over the TxDefaultProfiles an
 * operator sets (stack levels 0..8 stay theirs); a charge point still applies the lower of it and its
 * ChargePointMaxProfile. An operator's own TxProfile at a lower level is overridden while the group limits it.
 */
export const SITE_LIMIT_STACK_LEVEL = 9;

/** IEC 61851 / OCPP: below 6 A an EV cannot charge, so a session gets at least this or nothing. */
export const MIN_SESSION_CURRENT_A = 6;

export interface SiteSession {
  transactionId: number;
  chargePointId: string;
  connectorId: number;
}

export interface Allocation extends SiteSession {
  /** Amperes. */
  limit: number;
}

/**
 * Splits a group's current over its running sessions, oldest first. Each gets maxCurrent / n, rounded down
 * to 0.1 A. When that is below 6 A, the oldest sessions get 6 A each as long as the sum stays under the
 * limit and the rest get 0 A (paused, not stopped): a session that started first keeps charging.
 */
export function allocate(maxCurrent: number, sessionsOldestFirst: SiteSession[]): Allocation[] {
  const n = sessionsOldestFirst.length;
  if (n === 0) return [];
  const share = Math.floor((maxCurrent / n) * 10) / 10;
  if (share >= MIN_SESSION_CURRENT_A) return sessionsOldestFirst.map((s) => ({ ...s, limit: share }));
  const served = Math.floor(maxCurrent / MIN_SESSION_CURRENT_A);
  return sessionsOldestFirst.map((s, index) => ({ ...s, limit: index < served ? MIN_SESSION_CURRENT_A : 0 }));
}

/** The running sessions on the given charge points, oldest first. */
export async function activeSessions(em: TenantEm, chargePointIds: string[]): Promise<SiteSession[]> {
  if (chargePointIds.length === 0) return [];
  const transactions = await em.find(
    ChargingTransaction,
    { chargePointId: { $in: chargePointIds }, state: 'ACTIVE' },
    { orderBy: { startTimestamp: 'asc', id: 'asc' }, fields: ['id', 'chargePointId', 'connectorId', 'startTimestamp'] },
  );
  return transactions.map((t) => ({ transactionId: t.id, chargePointId: t.chargePointId, connectorId: t.connectorId }));
}

/** What each running session of the group should get now. */
export async function groupAllocations(em: TenantEm, group: ChargingGroup, chargePointIds: string[]): Promise<Allocation[]> {
  return allocate(Number(group.maxCurrentA), await activeSessions(em, chargePointIds));
}

/**
 * Sends each running session of the group its share as a TxProfile (one SetChargingProfile command each,
 * recorded like any other), skipping sessions whose charge point already holds that limit from us.
 * `superseded` is asked before each send: a newer rebalance of the group takes over from there.
 * A charge point that is offline or refuses is logged and skipped; its session still counts in the split.
 */
export async function rebalanceGroup(app: AppContext, em: TenantEm, tenantId: string, groupId: string, superseded: () => Promise<boolean>): Promise<number> {
  const group = await em.findOne(ChargingGroup, { id: groupId });
  if (!group) return 0;
  const members = await em.find(ChargingGroupMember, { groupId });
  const allocations = await groupAllocations(em, group, members.map((m) => m.chargePointId));
  if (allocations.length === 0) return 0;
  const held = await em.find(ChargingProfile, {
    transactionId: { $in: allocations.map((a) => a.transactionId) },
    chargingProfilePurpose: 'TxProfile',
    stackLevel: SITE_LIMIT_STACK_LEVEL,
  });
  let sent = 0;
  for (const allocation of allocations) {
    const current = held.find((p) => p.transactionId === allocation.transactionId && p.chargePointId === allocation.chargePointId);
    if (current && holdsLimit(current, allocation.limit)) continue;
    if (await superseded()) return sent;
    try {
      await app.commands.create(em, {
        tenantId,
        chargePointId: allocation.chargePointId,
        action: 'SetChargingProfile',
        request: { connectorId: allocation.connectorId, csChargingProfiles: siteLimitProfile(allocation, current?.chargingProfileId) },
        actor: { name: 'site-limit' },
      });
      sent++;
    } catch (error) {
      if (!toCommandFailed(error) && !(error instanceof DomainError)) throw error;
      app.log.warn({ err: error, tenantId, groupId, chargePointId: allocation.chargePointId, transactionId: allocation.transactionId }, 'site limit profile not delivered');
    }
  }
  return sent;
}

/**
 * Charge points that left their group (group changed or deleted) get their site-limit TxProfiles cleared,
 * so a session the group had paused at 0 A charges again. Ones that joined a group since are left alone.
 */
export async function releaseChargePoints(app: AppContext, em: TenantEm, tenantId: string, chargePointIds: string[]): Promise<number> {
  if (chargePointIds.length === 0) return 0;
  const grouped = new Set((await em.find(ChargingGroupMember, { chargePointId: { $in: chargePointIds } })).map((m) => m.chargePointId));
  const released = chargePointIds.filter((id) => !grouped.has(id));
  if (released.length === 0) return 0;
  const profiles = await em.find(ChargingProfile, {
    chargePointId: { $in: released },
    chargingProfilePurpose: 'TxProfile',
    stackLevel: SITE_LIMIT_STACK_LEVEL,
    transactionId: { $ne: null },
  });
  let cleared = 0;
  for (const profile of profiles) {
    try {
      await app.commands.create(em, {
        tenantId,
        chargePointId: profile.chargePointId,
        action: 'ClearChargingProfile',
        request: { id: profile.chargingProfileId },
        actor: { name: 'site-limit' },
      });
      cleared++;
    } catch (error) {
      if (!toCommandFailed(error) && !(error instanceof DomainError)) throw error;
      app.log.warn({ err: error, tenantId, chargePointId: profile.chargePointId }, 'site limit profile not cleared');
    }
  }
  return cleared;
}

/** Relative: the schedule runs from the transaction's start, so it needs no clock agreement with the charge point. */
function siteLimitProfile(allocation: Allocation, chargingProfileId: number | undefined): CommandDraft<'SetChargingProfile'>['csChargingProfiles'] {
  return {
    ...(chargingProfileId !== undefined ? { chargingProfileId } : {}),
    transactionId: allocation.transactionId,
    stackLevel: SITE_LIMIT_STACK_LEVEL,
    chargingProfilePurpose: 'TxProfile',
    chargingProfileKind: 'Relative',
    chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: allocation.limit }] },
  };
}

function holdsLimit(profile: ChargingProfile, limit: number): boolean {
  const { chargingRateUnit, chargingSchedulePeriod } = profile.chargingSchedule;
  return chargingRateUnit === 'A' && chargingSchedulePeriod.length === 1 && chargingSchedulePeriod[0].limit === limit;
}
