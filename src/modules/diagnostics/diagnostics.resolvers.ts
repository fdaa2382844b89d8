import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { requireChargePoint } from '../charge-point/charge-point.lookup';
import { diagnosticsFileView, listDiagnosticsFiles } from './diagnostics.service';

export const diagnosticsApi: ApiModule = {
  permissions: { 'Query.diagnosticsFiles': 'read' },
  resolvers: {
    Query: {
      async diagnosticsFiles(_parent, { chargePointId }, ctx) {
        const { em } = tenantScope(ctx);
        await requireChargePoint(em, chargePointId);
        return (await listDiagnosticsFiles(em, chargePointId)).map((f) => diagnosticsFileView(ctx.app, f));
      },
    },
  },
};
