import { randomUUID } from 'node:crypto';
import { tenantSql, type TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { BadInputError } from '../../platform/errors';
import { idTagKey } from '../authorization/id-tag.entity';
import { ChargePoint } from '../charge-point/charge-point.entity';
import type { SendLocalListRequest } from '../../ocpp/generated/ocpp16';
import { LocalListEntry } from './local-list-entry.entity';
import { LocalListState } from './local-list-state.entity';

/**
 * Refuses a list no charge point should be sent (OCPP 1.6 SendLocalList): idTags must be unique, and id
 * tags compare case-insensitively; in a Full list every entry needs idTagInfo, since an entry without it
 * only means "remove" in a Differential update.
 */
export function checkLocalList(request: Pick<SendLocalListRequest, 'updateType' | 'localAuthorizationList'>): void {
  const seen = new Set<string>();
  for (const entry of request.localAuthorizationList ?? []) {
    const key = idTagKey(entry.idTag);
    if (seen.has(key)) throw new BadInputError(`idTag ${entry.idTag} appears more than once in localAuthorizationList (id tags compare case-insensitively)`, 'localAuthorizationList');
    seen.add(key);
    if (request.updateType === 'Full' && !entry.idTagInfo) {
      throw new BadInputError(`idTag ${entry.idTag} has no idTagInfo: every entry of a Full list needs one`, 'localAuthorizationList');
    }
  }
}

/**
 * The version to send when the caller leaves it out: one above what the charge point has, as far as we
 * know, and above every version handed out before (scheduled pushes queue up). Taken with one atomic
 * UPDATE of the charge point's row, so two commands made at once never get the same version.
 */
export async function nextListVersion(em: TenantEm, chargePointId: string): Promise<number> {
  const state = await em.findOne(LocalListState, { chargePointId });
  const rows = await tenantSql<{ version: number }>(
    em,
    `update charge_point
        set local_list_issued_version = greatest(coalesce(local_list_issued_version, 0), coalesce(local_list_version, 0), ?::integer) + 1
      where tenant_id = $tenant and identity = ?
      returning local_list_issued_version as version`,
    [Math.max(state?.reportedVersion ?? 0, 0), chargePointId],
  );
  return Number(rows[0]?.version ?? 1);
}

/** The charge point installed the list: our copy now matches it. */
export async function applyAcceptedList(em: TenantEm, tenantId: string, chargePointId: string, request: SendLocalListRequest): Promise<void> {
  const entries = request.localAuthorizationList ?? [];
  await em.transactional(async (tx) => {
    if (request.updateType === 'Full') await tx.nativeDelete(LocalListEntry, { tenantId, chargePointId });
    const removed = entries.filter((e) => !e.idTagInfo).map((e) => idTagKey(e.idTag));
    if (removed.length) await tx.nativeDelete(LocalListEntry, { tenantId, chargePointId, idTagKey: { $in: removed } });
    const upserts = entries.filter((e) => e.idTagInfo);
    if (upserts.length) {
      await tx.upsertMany(
        LocalListEntry,
        upserts.map((e) => ({ pk: randomUUID(), tenantId, chargePointId, idTag: e.idTag, idTagKey: idTagKey(e.idTag), idTagInfo: e.idTagInfo, updatedAt: clock.now() })),
        { onConflictFields: ['tenantId', 'chargePointId', 'idTagKey'], onConflictAction: 'merge', onConflictMergeFields: ['idTag', 'idTagInfo', 'updatedAt'] },
      );
    }
    await tx.nativeUpdate(ChargePoint, { tenantId, identity: chargePointId }, { localListVersion: request.listVersion });
    await setState(tx, tenantId, chargePointId, { reportedVersion: request.listVersion, resyncNeeded: false, resyncReason: null });
  });
}

/**
 * VersionMismatch or Failed: the charge point's list is not what we sent and may not be what we had.
 * We keep our copy and flag that a Full list should be sent; we never send one unasked (OCTT counts
 * unsolicited calls as failures).
 */
export async function flagResync(em: TenantEm, tenantId: string, chargePointId: string, reason: string, reportedVersion?: number): Promise<void> {
  await setState(em, tenantId, chargePointId, { resyncNeeded: true, resyncReason: reason, ...(reportedVersion !== undefined ? { reportedVersion } : {}) });
}

/** The listVersion a charge point without local list support reports (OCPP 1.6 GetLocalListVersion.conf). */
const NOT_SUPPORTED = -1;

/** GetLocalListVersion's answer: record it, and flag a resync when it is not the version we believe in. */
export async function recordReportedVersion(em: TenantEm, tenantId: string, chargePointId: string, listVersion: number): Promise<void> {
  if (listVersion === NOT_SUPPORTED) return recordNoSupport(em, tenantId, chargePointId);
  const chargePoint = await em.findOne(ChargePoint, { identity: chargePointId });
  const believed = chargePoint?.localListVersion ?? null;
  // 0: no list, which does not disagree with "never sent".
  const agrees = believed === null ? listVersion <= 0 : believed === listVersion;
  if (agrees) return setState(em, tenantId, chargePointId, { reportedVersion: listVersion });
  // The charge point's version is the fact now; its content is what we no longer know.
  await em.nativeUpdate(ChargePoint, { tenantId, identity: chargePointId }, { localListVersion: listVersion });
  await flagResync(em, tenantId, chargePointId, `charge point reports version ${listVersion}, CSMS expected ${believed ?? 'none'}`, listVersion);
}

/**
 * The charge point has no local list: it holds none of what we may have sent, and no Full list could
 * change that, so there is nothing to resync. Should it later report a real version, that disagrees
 * with -1 and flags a resync then.
 */
async function recordNoSupport(em: TenantEm, tenantId: string, chargePointId: string): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.nativeDelete(LocalListEntry, { tenantId, chargePointId });
    await tx.nativeUpdate(ChargePoint, { tenantId, identity: chargePointId }, { localListVersion: NOT_SUPPORTED });
    await setState(tx, tenantId, chargePointId, { reportedVersion: NOT_SUPPORTED, resyncNeeded: false, resyncReason: null });
  });
}

async function setState(em: TenantEm, tenantId: string, chargePointId: string, fields: Partial<Pick<LocalListState, 'reportedVersion' | 'resyncNeeded' | 'resyncReason'>>) {
  await em.upsert(
    LocalListState,
    { pk: randomUUID(), tenantId, chargePointId, ...fields, updatedAt: clock.now() },
    { onConflictFields: ['tenantId', 'chargePointId'], onConflictAction: 'merge', onConflictMergeFields: [...(Object.keys(fields) as Array<keyof typeof fields>), 'updatedAt'] },
  );
}

export async function localListView(em: TenantEm, chargePointId: string) {
  const [chargePoint, entries, state] = await Promise.all([
    em.findOne(ChargePoint, { identity: chargePointId }),
    em.find(LocalListEntry, { chargePointId }, { orderBy: { idTagKey: 'asc' } }),
    em.findOne(LocalListState, { chargePointId }),
  ]);
  return {
    chargePointId,
    listVersion: chargePoint?.localListVersion ?? null,
    entries: entries.map((e) => ({ idTag: e.idTag, idTagInfo: e.idTagInfo ?? null })),
    reportedListVersion: state?.reportedVersion ?? null,
    resyncNeeded: state?.resyncNeeded ?? false,
    resyncReason: state?.resyncReason ?? null,
  };
}
