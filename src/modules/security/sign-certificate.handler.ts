import type { OcppHandler } from '../../ingress/handler-context';
import { clock } from '../../platform/clock';
import { signChargePointCsr } from './charge-point-certificate.service';

/** How long the CSMS keeps trying to deliver the signed certificate to an unreachable charge point. */
const DELIVERY_WINDOW_MS = 24 * 3600_000;

/**
 * SignCertificate: the CSR is checked and signed by the tenant's CA before the answer; after `Accepted` the
 * chain goes out as a CertificateSigned command (scheduled, so it follows this answer and is retried).
 */
export const signCertificate: OcppHandler<'SignCertificate'> = async (ctx, payload) => {
  const em = ctx.em();
  const outcome = await signChargePointCsr(ctx.app, em, ctx.tenantId, ctx.chargePointId, payload.csr);
  if (!outcome.accepted) {
    ctx.app.log.info({ tenantId: ctx.tenantId, chargePointId: ctx.chargePointId, reason: outcome.reason }, 'SignCertificate rejected');
    return { status: 'Rejected' };
  }
  const now = clock.now();
  await ctx.app.commands.create(em, {
    tenantId: ctx.tenantId,
    chargePointId: ctx.chargePointId,
    action: 'CertificateSigned',
    request: { certificateChain: outcome.chain },
    schedule: { at: now, retryUntil: new Date(now.getTime() + DELIVERY_WINDOW_MS) },
  });
  return { status: 'Accepted' };
};
