import type { OcppRequest } from '../../ocpp/generated/ocpp16';
import { tenantSql, type TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { idTagKey } from '../authorization/id-tag.entity';
import { ChargingTransaction } from '../transaction/transaction.entity';
import { ChargingProfile } from './charging-profile.entity';
import { compositeSchedule, type CompositeSchedule } from './composite-schedule';

/** A chargingProfileId for a profile sent without one: one sequence for the whole system. */
export async function nextChargingProfileId(em: TenantEm): Promise<number> {
  const rows = await tenantSql<{ id: string }>(em, `select nextval('charging_profile_number_seq') as id`, []);
  return Number(rows[0].id);
}

/**
 * An accepted SetChargingProfile replaces the profile with the same chargingProfileId, and the one with
 * the same stackLevel and purpose on the same connector, as the charge point itself does.
 */
export async function storeAcceptedProfile(
  em: TenantEm,
  tenantId: string,
  chargePointId: string,
  connectorId: number,
  profile: OcppRequest<'SetChargingProfile'>['csChargingProfiles'],
  options: { pendingIdTag?: string } = {},
): Promise<void> {
  // A TxProfile sent without transactionId is for the transaction running on its connector, and ends with it.
  let transactionId: number | null = profile.transactionId ?? null;
  if (profile.chargingProfilePurpose === 'TxProfile' && transactionId === null && options.pendingIdTag === undefined && connectorId > 0) {
    const running = await em.findOne(ChargingTransaction, { chargePointId, connectorId, state: 'ACTIVE' }, { orderBy: { startTimestamp: 'desc' }, fields: ['id'] });
    transactionId = running?.id ?? null;
  }
  await em.transactional(async (tx) => {
    await tx.nativeDelete(ChargingProfile, {
      tenantId,
      chargePointId,
      $or: [
        { chargingProfileId: profile.chargingProfileId },
        { connectorId, stackLevel: profile.stackLevel, chargingProfilePurpose: profile.chargingProfilePurpose },
      ],
    });
    tx.persist(
      tx.create(ChargingProfile, {
        tenantId,
        chargePointId,
        connectorId,
        chargingProfileId: profile.chargingProfileId,
        transactionId,
        pendingIdTagKey: options.pendingIdTag === undefined ? null : idTagKey(options.pendingIdTag),
        stackLevel: profile.stackLevel,
        chargingProfilePurpose: profile.chargingProfilePurpose,
        chargingProfileKind: profile.chargingProfileKind,
        recurrencyKind: profile.recurrencyKind ?? null,
        validFrom: profile.validFrom ? new Date(profile.validFrom) : null,
        validTo: profile.validTo ? new Date(profile.validTo) : null,
        chargingSchedule: profile.chargingSchedule,
        updatedAt: clock.now(),
      }),
    );
  });
}

/** An accepted ClearChargingProfile: by id, or by whichever criteria are given (none: every profile). */
export async function clearProfiles(
  em: TenantEm,
  tenantId: string,
  chargePointId: string,
  criteria: OcppRequest<'ClearChargingProfile'>,
): Promise<number> {
  const where: Record<string, unknown> = { tenantId, chargePointId };
  if (criteria.id !== undefined) where.chargingProfileId = criteria.id;
  else {
    if (criteria.connectorId !== undefined) where.connectorId = criteria.connectorId;
    if (criteria.chargingProfilePurpose !== undefined) where.chargingProfilePurpose = criteria.chargingProfilePurpose;
    if (criteria.stackLevel !== undefined) where.stackLevel = criteria.stackLevel;
  }
  return em.nativeDelete(ChargingProfile, where);
}

/** How long a RemoteStartTransaction's TxProfile waits for its transaction (well past any ConnectionTimeOut). */
export const PENDING_TX_PROFILE_MS = 10 * 60_000;

/*
 * A transaction started (and was accepted): the TxProfile of an accepted RemoteStartTransaction for its id
 * tag (sent for its connector or for any, within PENDING_TX_PROFILE_MS) now belongs to it. A pending one
 * left on that connector for another id tag is dropped: that remote start lapsed, since the charge point
 * let someone else start there; so is any of this charge point's pending ones older than the wait. That is
 * part of StartTransaction's statement: the function qcharge_start_transaction (its migration).
 */

/** TxProfiles end with their transaction. */
export async function removeTransactionProfiles(em: TenantEm, tenantId: string, chargePointId: string, transactionId: number): Promise<void> {
  await em.nativeDelete(ChargingProfile, { tenantId, chargePointId, transactionId, chargingProfilePurpose: 'TxProfile' });
}

export async function listProfiles(em: TenantEm, chargePointId: string): Promise<ChargingProfile[]> {
  return em.find(ChargingProfile, { chargePointId }, { orderBy: { connectorId: 'asc', chargingProfilePurpose: 'asc', stackLevel: 'desc' } });
}

/** The composite schedule the CSMS expects on a connector, from what it stored (to compare with the charge point's). */
export async function expectedCompositeSchedule(
  em: TenantEm,
  chargePointId: string,
  request: { connectorId: number; duration: number; chargingRateUnit?: 'A' | 'W'; start?: Date },
): Promise<CompositeSchedule> {
  const [profiles, transaction] = await Promise.all([
    listProfiles(em, chargePointId),
    request.connectorId > 0 ? em.findOne(ChargingTransaction, { chargePointId, connectorId: request.connectorId, state: 'ACTIVE' }, { orderBy: { startTimestamp: 'desc' } }) : null,
  ]);
  return compositeSchedule({
    profiles,
    connectorId: request.connectorId,
    start: request.start ?? clock.now(),
    duration: request.duration,
    chargingRateUnit: request.chargingRateUnit,
    transaction: transaction ? { id: transaction.id, startTimestamp: transaction.startTimestamp } : null,
  });
}

export function chargingProfileView(p: ChargingProfile) {
  return {
    chargePointId: p.chargePointId,
    connectorId: p.connectorId,
    chargingProfileId: p.chargingProfileId,
    transactionId: p.transactionId ?? null,
    stackLevel: p.stackLevel,
    chargingProfilePurpose: p.chargingProfilePurpose,
    chargingProfileKind: p.chargingProfileKind,
    recurrencyKind: p.recurrencyKind ?? null,
    validFrom: p.validFrom?.toISOString() ?? null,
    validTo: p.validTo?.toISOString() ?? null,
    chargingSchedule: p.chargingSchedule,
    updatedAt: p.updatedAt.toISOString(),
  };
}
