import type { OcppHandler } from '../../ingress/handler-context';
import { authorizeIdTag } from './authorization.service';

export const authorize: OcppHandler = async (ctx, payload: { idTag: string }) => ({
  idTagInfo: await authorizeIdTag(ctx.em(), payload.idTag),
});
