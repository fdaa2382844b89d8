import type { TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { BadInputError } from '../../platform/errors';
import type { IdTagInfo } from '../authorization/authorization.service';
import type { CommandDraft } from '../command/command-hooks';
import { IdTag, idTagKey } from '../authorization/id-tag.entity';
import { Connector } from '../charge-point/connector.entity';
import { Reservation, type ReservationStatus } from './reservation.entity';

/**
 * Records the reservation before ReserveNow is sent, so its id is the reservationId the charge point
 * gets. A request naming an existing reservation replaces it, as OCPP says; other ids are the CSMS's to give.
 */
export async function openReservation(em: TenantEm, tenantId: string, chargePointId: string, request: CommandDraft<'ReserveNow'>): Promise<Reservation> {
  const parentIdTag = request.parentIdTag ?? (await storedParent(em, request.idTag));
  const now = clock.now();
  const fields = {
    connectorId: request.connectorId,
    idTag: request.idTag,
    parentIdTag: parentIdTag ?? null,
    expiryDate: new Date(request.expiryDate),
    updatedAt: now,
  };
  if (request.reservationId !== undefined) {
    const existing = await em.findOne(Reservation, { id: request.reservationId, chargePointId });
    if (!existing) throw new BadInputError('reservationId is assigned by the CSMS; only an existing reservation may be replaced', 'reservationId');
    em.assign(existing, { ...fields, status: 'PENDING', responseStatus: null, transactionId: null });
    await em.flush();
    return existing;
  }
  const reservation = em.create(Reservation, { tenantId, chargePointId, ...fields, status: 'PENDING', createdAt: now });
  await em.persistAndFlush(reservation);
  return reservation;
}

async function storedParent(em: TenantEm, idTag: string): Promise<string | undefined> {
  const tag = await em.findOne(IdTag, { idTagKey: idTagKey(idTag) });
  return tag?.parentIdTag ?? undefined;
}

/** The charge point's answer to ReserveNow: only Accepted leaves a reservation that can block a connector. */
export async function recordReserveNowAnswer(em: TenantEm, chargePointId: string, reservationId: number, status: string): Promise<Reservation | null> {
  const reservation = await em.findOne(Reservation, { id: reservationId, chargePointId });
  if (!reservation) return null;
  reservation.responseStatus = status;
  reservation.status = status === 'Accepted' ? (isPast(reservation.expiryDate) ? 'EXPIRED' : 'ACTIVE') : 'REJECTED';
  reservation.updatedAt = clock.now();
  await em.flush();
  return reservation;
}

/** ReserveNow got no answer: the charge point may not hold it, so it must not look active. */
export async function failPendingReservation(em: TenantEm, chargePointId: string, reservationId: number): Promise<boolean> {
  return 0 < await em.nativeUpdate(Reservation, { id: reservationId, chargePointId, status: 'PENDING' }, { status: 'REJECTED', updatedAt: clock.now() });
}

export async function recordCancelAnswer(em: TenantEm, chargePointId: string, reservationId: number, status: string): Promise<boolean> {
  if (status !== 'Accepted') return false;
  return 0 < await em.nativeUpdate(
    Reservation,
    { id: reservationId, chargePointId, status: { $in: ['PENDING', 'ACTIVE'] } },
    { status: 'CANCELLED', updatedAt: clock.now() },
  );
}

/** Ends a reservation whose expiryDate has passed, even if the charge point never says so. */
export async function expireReservation(em: TenantEm, id: number): Promise<boolean> {
  const changed = await em.nativeUpdate(
    Reservation,
    { id, status: { $in: ['PENDING', 'ACTIVE'] }, expiryDate: { $lte: clock.now() } },
    { status: 'EXPIRED', updatedAt: clock.now() },
  );
  return changed > 0;
}

function isPast(date: Date): boolean {
  return date.getTime() <= clock.now().getTime();
}

/** Reservations in force now: accepted and not yet past expiryDate, whatever the expiry job has done. */
function activeWhere(chargePointId: string) {
  return { chargePointId, status: 'ACTIVE' as ReservationStatus, expiryDate: { $gt: clock.now() } };
}

/** The view the API shows: an ACTIVE reservation past its expiryDate is EXPIRED, even before the job ran. */
export function effectiveStatus(reservation: Reservation): ReservationStatus {
  return reservation.status === 'ACTIVE' && isPast(reservation.expiryDate) ? 'EXPIRED' : reservation.status;
}

export async function listReservations(em: TenantEm, filter: { chargePointId?: string | null; active?: boolean | null } = {}) {
  const where: Record<string, unknown> = {};
  if (filter.chargePointId) where.chargePointId = filter.chargePointId;
  const rows = await em.find(Reservation, where, { orderBy: { id: 'desc' }, limit: 1000 });
  if (filter.active === undefined || filter.active === null) return rows;
  return rows.filter((r) => (effectiveStatus(r) === 'ACTIVE') === filter.active);
}

export function reservationView(r: Reservation) {
  return {
    id: r.id,
    chargePointId: r.chargePointId,
    connectorId: r.connectorId,
    idTag: r.idTag,
    parentIdTag: r.parentIdTag ?? null,
    expiryDate: r.expiryDate.toISOString(),
    status: effectiveStatus(r),
    responseStatus: r.responseStatus ?? null,
    transactionId: r.transactionId ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * OCPP: the reserving idTag, or one with the same parentIdTag, may use a reservation. The parent tag
 * itself belongs to its own group too (OCTT TC_053 authorizes with the parent of the reserving child).
 */
export function sameGroup(reservation: Pick<Reservation, 'idTag' | 'parentIdTag'>, idTag: string, parentIdTag: string | undefined): boolean {
  if (idTagKey(idTag) === idTagKey(reservation.idTag)) return true;
  if (!reservation.parentIdTag) return false;
  const group = idTagKey(reservation.parentIdTag);
  return idTagKey(idTag) === group || (parentIdTag !== undefined && idTagKey(parentIdTag) === group);
}

const FREE = new Set(['Available', 'Reserved']);

/**
 * Refuses an otherwise accepted id tag that reservations for other tags leave no connector to.
 * With a connectorId (StartTransaction): that connector reserved for someone else, or connector-0
 * reservations needing every other free connector. Without one (Authorize, which names no connector): only
 * when reservations for others cover every connector we know of, so a plain Authorize is never
 * over-refused. OCPP 1.6 has no "Reserved" status; Invalid ("not allowed for charging") is answered.
 * A reservationId in the StartTransaction plays no part: naming a reservation does not make it one's own.
 */
export async function applyReservations(
  em: TenantEm,
  chargePointId: string,
  info: IdTagInfo,
  idTag: string,
  start?: { connectorId: number; reservationId?: number },
): Promise<IdTagInfo> {
  if (info.status !== 'Accepted') return info;
  const reservations = await em.find(Reservation, activeWhere(chargePointId));
  if (!reservations.some((r) => !sameGroup(r, idTag, info.parentIdTag))) return info;
  const connectors = await em.find(Connector, { chargePointId, connectorId: { $gt: 0 } });
  return judgeReservations(info, idTag, reservations, connectors, start);
}

/** applyReservations on what it reads: the charge point's reservations in force, its connectors (1 and up). */
export function judgeReservations(
  info: IdTagInfo,
  idTag: string,
  reservations: Array<Pick<Reservation, 'connectorId' | 'idTag' | 'parentIdTag'>>,
  connectors: Array<Pick<Connector, 'connectorId' | 'status'>>,
  start?: { connectorId: number },
): IdTagInfo {
  if (info.status !== 'Accepted') return info;
  const others = reservations.filter((r) => !sameGroup(r, idTag, info.parentIdTag));
  if (others.length === 0) return info;
  const wholeStation = others.filter((r) => r.connectorId === 0).length;
  const reservedFor = new Set(others.filter((r) => r.connectorId > 0).map((r) => r.connectorId));
  if (start) {
    if (reservedFor.has(start.connectorId)) return { ...info, status: 'Invalid' };
    if (wholeStation === 0) return info;
    // A connector the charge point shows as Reserved may be the one it holds for a connector-0 reservation.
    const freeOthers = connectors.filter((c) => c.connectorId !== start.connectorId && FREE.has(c.status) && !reservedFor.has(c.connectorId));
    return freeOthers.length < wholeStation ? { ...info, status: 'Invalid' } : info;
  }
  if (connectors.length === 0) return info;
  const usable = connectors.filter((c) => !reservedFor.has(c.connectorId)).length;
  return usable - wholeStation <= 0 ? { ...info, status: 'Invalid' } : info;
}

/**
 * The reservation a started transaction consumes (the StartTransaction's statement marks it USED): the one
 * it names, when that is still open and the transaction's id tag belongs to its group; or else an active
 * reservation of the same group on its connector (or on connector 0). A reservationId naming no open
 * reservation of this charge point, or one of another group, is ignored: only the reserving group may use a reservation.
 */
export async function reservationToConsume(
  em: TenantEm,
  chargePointId: string,
  start: { connectorId: number; idTag: string; reservationId: number | null },
  parentIdTag: string | undefined,
): Promise<Reservation | null> {
  if (start.reservationId !== null) {
    const named = await em.findOne(Reservation, { id: start.reservationId, chargePointId, status: { $in: ['PENDING', 'ACTIVE', 'EXPIRED'] } });
    if (named && sameGroup(named, start.idTag, parentIdTag)) return named;
  }
  const candidates = await em.find(Reservation, { ...activeWhere(chargePointId), connectorId: { $in: [start.connectorId, 0] } }, { orderBy: { connectorId: 'desc' } });
  return candidates.find((r) => sameGroup(r, start.idTag, parentIdTag)) ?? null;
}
