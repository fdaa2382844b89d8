import type { TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { ChargingTransaction } from '../transaction/transaction.entity';
import { IdTag, idTagKey } from './id-tag.entity';

export interface IdTagInfo {
  status: 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';
  expiryDate?: string;
  parentIdTag?: string;
}

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
  if (info.status === 'Accepted' && options.startingAt) {
    const { chargePointId, connectorId } = options.startingAt;
    // A start that was refused is recorded too, and its charger may never send the stop: only accepted starts are running.
    // A connector holds one transaction at a time: one still open where this one starts lost its StopTransaction
    // (a reboot, say) and runs no more. It is left open for that StopTransaction, should it come late.
    const active = await em.count(ChargingTransaction, { idTagKey: tag.idTagKey, stopTimestamp: null, startStatus: 'Accepted', $not: { chargePointId, connectorId } });
    if (active > 0) info.status = 'ConcurrentTx';
  }
  return info;
}
