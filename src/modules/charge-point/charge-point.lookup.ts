import type { TenantEm } from '../../platform/db';
import { NotFoundError } from '../../platform/errors';
import { ChargePoint } from './charge-point.entity';

/** The tenant's charge point, or NOT_FOUND (also for another tenant's, which the filter hides). */
export async function requireChargePoint(em: TenantEm, identity: string): Promise<ChargePoint> {
  const chargePoint = await em.findOne(ChargePoint, { identity });
  if (!chargePoint) throw new NotFoundError(`Charge point ${identity} not found`);
  return chargePoint;
}
