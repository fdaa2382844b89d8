import type { AppContext } from '../../app-context';
import type { TenantEm } from '../../platform/db';
import { Reservation } from './reservation.entity';
import { reservationView } from './reservation.service';

/**
 * Runs a change to one reservation and stores RESERVATION_UPDATED (the reservation as it then is) in the
 * same transaction, when the change returns a truthy value (something changed).
 */
export async function changeReservation<T>(
  app: AppContext,
  em: TenantEm,
  chargePointId: string,
  change: (tx: TenantEm) => Promise<T>,
  reservationId: (result: T) => number | undefined,
): Promise<T> {
  return app.outbox.transaction(em, async (tx, emit) => {
    const result = await change(tx);
    const id = result ? reservationId(result) : undefined;
    if (id === undefined) return result;
    const reservation = await tx.findOne(Reservation, { id, chargePointId }, { refresh: true });
    if (reservation) emit({ type: 'RESERVATION_UPDATED', tenantId: reservation.tenantId, chargePointId, payload: reservationView(reservation) });
    return result;
  });
}
