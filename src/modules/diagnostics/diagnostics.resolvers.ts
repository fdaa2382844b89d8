import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { listConnection } from '../../api/pagination';
import { requireChargePoint } from '../charge-point/charge-point.lookup';
import { diagnosticsStatusHistory } from './diagnostics-status.service';
import { diagnosticsFileView, listDiagnosticsFiles } from './diagnostics.service';

const PAGE = { fallback: 100, max: 1000 };

export const diagnosticsApi: ApiModule = {
  permissions: { 'Query.diagnosticsFiles': 'read', 'Query.diagnosticsStatusHistory': 'read' },
  resolvers: {
    Query: {
      async diagnosticsFiles(_parent, { chargePointId, ...args }, ctx) {
        const { em } = tenantScope(ctx);
        await requireChargePoint(em, chargePointId);
        return listConnection(await listDiagnosticsFiles(em, chargePointId), args, (f) => String(f.id), (f) => diagnosticsFileView(ctx.app, f), PAGE);
      },
      async diagnosticsStatusHistory(_parent, { chargePointId, ...args }, ctx) {
        const { em } = tenantScope(ctx);
        await requireChargePoint(em, chargePointId);
        return listConnection(await diagnosticsStatusHistory(em, chargePointId), args, (e) => e.id, (e) => e, PAGE);
      },
    },
  },
};
