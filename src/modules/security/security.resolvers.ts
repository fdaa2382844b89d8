import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { pageSize } from '../../api/limits';
import { connection, decodeCursor } from '../../api/pagination';
import { requireChargePoint } from '../charge-point/charge-point.lookup';
import { authorityView, getOrCreateAuthority, setAuthority } from './certificate-authority.service';
import { ChargePointCertificate } from './charge-point-certificate.entity';
import { chargePointCertificateView, listChargePointCertificates, revokeChargePointCertificate } from './charge-point-certificate.service';
import { SecurityEvent } from './security-event.entity';

const MAX_PAGE = 200;

/** The security extension's API: the tenant's CA, issued client certificates, security events. */
export const securityApi: ApiModule = {
  permissions: {
    'Query.certificateAuthority': 'read',
    'Query.chargePointCertificates': 'read',
    'Query.securityEvents': 'read',
    'Mutation.setCertificateAuthority': 'manageKeys',
    'Mutation.revokeChargePointCertificate': 'operate',
  },
  resolvers: {
    Query: {
      async certificateAuthority(_parent, _args, ctx) {
        const { em, tenantId } = tenantScope(ctx);
        return authorityView(await getOrCreateAuthority(ctx.app, em, tenantId));
      },
      async chargePointCertificates(_parent, { chargePointId, first, after }, ctx) {
        const { em } = tenantScope(ctx);
        await requireChargePoint(em, chargePointId);
        const size = pageSize(first, 50, MAX_PAGE);
        const afterId = decodeCursor<string>(after, 'string');
        const [rows, totalCount] = await Promise.all([
          listChargePointCertificates(em, chargePointId, size + 1, afterId),
          em.count(ChargePointCertificate, { chargePointId }),
        ]);
        return connection(rows, size, after, (c) => c.id, chargePointCertificateView, totalCount);
      },
      /** Oldest first (the order they were recorded); the cursor is the row id. */
      async securityEvents(_parent, { filter, first, after }, ctx) {
        const { em } = tenantScope(ctx);
        const size = pageSize(first, 50, MAX_PAGE);
        const afterId = decodeCursor<string>(after, 'string');
        const where = {
          ...(filter?.chargePointId ? { chargePointId: filter.chargePointId } : {}),
          ...(filter?.type ? { type: filter.type } : {}),
        };
        const [rows, totalCount] = await Promise.all([
          em.find(SecurityEvent, afterId === undefined ? where : { ...where, id: { $gt: afterId } }, { orderBy: { id: 'asc' }, limit: size + 1 }),
          em.count(SecurityEvent, where),
        ]);
        return connection(rows, size, after, (e) => String(e.id), (e) => ({ ...e, techInfo: e.techInfo ?? null }), totalCount);
      },
    },
    Mutation: {
      async setCertificateAuthority(_parent, { input }, ctx) {
        const { em, tenantId } = tenantScope(ctx);
        return { certificateAuthority: authorityView(await setAuthority(ctx.app, em, tenantId, input)) };
      },
      async revokeChargePointCertificate(_parent, { input }, ctx) {
        const { em, tenantId } = tenantScope(ctx);
        const certificate = await revokeChargePointCertificate(ctx.app, em, tenantId, input.chargePointId, input.serialNumber);
        return { certificate: chargePointCertificateView(certificate) };
      },
    },
    ChargePoint: {
      logStatus: (cp) => (cp.logStatus && cp.logStatusAt ? { status: cp.logStatus, requestId: cp.logStatusRequestId ?? null, updatedAt: cp.logStatusAt } : null),
    },
  },
};
