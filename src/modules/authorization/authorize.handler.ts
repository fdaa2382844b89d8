import type { OcppHandler } from '../../ingress/handler-context';
import { applyReservations } from '../reservation/reservation.service';
import { authorizeIdTag } from './authorization.service';

export const authorize: OcppHandler<'Authorize'> = async (ctx, payload) => {
  const em = ctx.em();
  return { idTagInfo: await applyReservations(em, ctx.chargePointId, await authorizeIdTag(em, payload.idTag), payload.idTag) };
};
