import { OcppError } from '../../ocpp/ocpp-error';
import { validatePayload } from '../../ocpp/validator';
import { BadInputError } from '../../platform/errors';
import type { CommandHookRegistry } from '../command/command-hooks';
import { changeReservation } from './reservation.events';
import { scheduleReservationExpiry } from './reservation.jobs';
import { failPendingReservation, openReservation, recordCancelAnswer, recordReserveNowAnswer } from './reservation.service';

/** ReserveNow gets its reservationId (and parentIdTag) from the CSMS; answers move the reservation along. */
export const reservationHooks: CommandHookRegistry = {
  ReserveNow: {
    async prepare(ctx, request) {
      // Checked before the row exists, so a malformed request leaves no reservation behind.
      try {
        validatePayload('ReserveNow', 'req', { reservationId: 0, ...request });
      } catch (error) {
        if (error instanceof OcppError) throw new BadInputError(`Invalid ReserveNow request: ${error.message}`);
        throw error;
      }
      const reservation = await changeReservation(ctx.app, ctx.em, ctx.chargePointId, (tx) => openReservation(tx, ctx.tenantId, ctx.chargePointId, request), (r) => r.id);
      return { ...request, reservationId: reservation.id, ...(reservation.parentIdTag ? { parentIdTag: reservation.parentIdTag } : {}) };
    },
    async onResult(ctx, request, response) {
      const reservation = await changeReservation(ctx.app, ctx.em, ctx.chargePointId, (tx) => recordReserveNowAnswer(tx, ctx.chargePointId, request.reservationId, response.status), (r) => r?.id);
      if (reservation?.status === 'ACTIVE') await scheduleReservationExpiry(ctx.app, reservation);
    },
    async onFailure(ctx, request) {
      await changeReservation(ctx.app, ctx.em, ctx.chargePointId, (tx) => failPendingReservation(tx, ctx.chargePointId, request.reservationId), (changed) => (changed ? request.reservationId : undefined));
    },
  },
  CancelReservation: {
    async onResult(ctx, request, response) {
      await changeReservation(ctx.app, ctx.em, ctx.chargePointId, (tx) => recordCancelAnswer(tx, ctx.chargePointId, request.reservationId, response.status), (changed) => (changed ? request.reservationId : undefined));
    },
  },
};
