import type { OcppHandler } from '../../ingress/handler-context';
import { authorizeAt } from './authorization.service';

export const authorize: OcppHandler<'Authorize'> = async (ctx, payload) => ({ idTagInfo: await authorizeAt(ctx.em(), ctx.chargePointId, payload.idTag) });
