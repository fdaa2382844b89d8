import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { listConnection } from '../../api/pagination';
import { requireChargePoint } from '../charge-point/charge-point.lookup';
import { diagnosticsFileView, listDiagnosticsFiles } from './diagnostics.service';

export const diagnosticsApi: ApiModule = {
  permissions: { 'Query.diagnosticsFiles': 'read' },
  resolvers: {
    Query: {
      async diagnosticsFiles(_parent, { chargePointId, ...args }, ctx) {
        const { em } = tenantScope(ctx);
        await requireChargePoint(em, chargePointId);
        return listConnection(await listDiagnosticsFiles(em, chargePointId), args, (f) => String(f.id), (f) => diagnosticsFileView(ctx.app, f), { fallback: 100, max: 1000 });
      },
    },
  },
};
