import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { importChargePoints, importIdTags } from './bulk-import.service';

/** Bulk imports as GraphQL list inputs; a CSV file goes to POST /import/... (bulk.routes.ts). Line = item position from 1. */
export const bulkImportApi: ApiModule = {
  permissions: {
    'Mutation.importChargePoints': 'operate',
    'Mutation.importIdTags': 'operate',
  },
  resolvers: {
    Mutation: {
      async importChargePoints(_parent, { input }, ctx) {
        const { tenantId } = tenantScope(ctx);
        const rows = input.chargePoints.map((item, index) => ({ ...item, line: index + 1 }));
        return { imported: await importChargePoints(ctx.app.orm, tenantId, rows) };
      },
      async importIdTags(_parent, { input }, ctx) {
        const { tenantId } = tenantScope(ctx);
        const rows = input.idTags.map((item, index) => ({ ...item, line: index + 1 }));
        const { created, updated } = await importIdTags(ctx.app.orm, tenantId, rows);
        return { imported: created + updated, created, updated };
      },
    },
  },
};
