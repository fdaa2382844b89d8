import type { AppContext } from '../../app-context';
import type { JobProcessor } from '../../platform/queues';
import { Reservation } from './reservation.entity';
import { changeReservation } from './reservation.events';
import { expireReservation } from './reservation.service';

export const RESERVATION_EXPIRE_JOB = 'reservation.expire';

/** Ends the reservation at its expiryDate even if the charge point never says so. Idempotent. */
export const expireReservationJob: JobProcessor<{ tenantId: string; reservationId: number }> = async ({ app, em, tenantId }, data) => {
  const reservation = await em.findOne(Reservation, { id: data.reservationId });
  if (!reservation) return;
  const expired = await changeReservation(app, em, reservation.chargePointId, (tx) => expireReservation(tx, data.reservationId), (changed) => (changed ? data.reservationId : undefined));
  if (expired) {
    app.log.debug({ tenantId, reservationId: data.reservationId }, 'reservation expired');
  }
};

export async function scheduleReservationExpiry(app: AppContext, reservation: Reservation): Promise<void> {
  await app.jobs.schedule(
    RESERVATION_EXPIRE_JOB,
    { tenantId: reservation.tenantId, reservationId: reservation.id },
    // A replaced reservation (same id, new expiryDate) moves its job.
    { at: reservation.expiryDate, jobId: `reservation-expire-${reservation.id}`, replace: true },
  );
}
