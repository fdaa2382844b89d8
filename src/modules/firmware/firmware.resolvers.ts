import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { listConnection } from '../../api/pagination';
import { requireChargePoint } from '../charge-point/charge-point.lookup';
import { deleteFirmwareFile, firmwareFileView, listFirmwareFiles } from './firmware-files.service';
import { firmwareStatusHistory } from './firmware-status.service';

const PAGE = { fallback: 100, max: 1000 };

export const firmwareApi: ApiModule = {
  permissions: { 'Mutation.deleteFirmwareFile': 'operate', 'Query.firmwareFiles': 'read', 'Query.firmwareStatusHistory': 'read' },
  resolvers: {
    Mutation: {
      async deleteFirmwareFile(_parent, { input }, ctx) {
        await deleteFirmwareFile(ctx.app, tenantScope(ctx).em, input.id);
        return { id: input.id, deleted: true };
      },
    },
    Query: {
      async firmwareFiles(_parent, args, ctx) {
        return listConnection(await listFirmwareFiles(tenantScope(ctx).em), args, (f) => f.id, firmwareFileView, PAGE);
      },
      async firmwareStatusHistory(_parent, { chargePointId, ...args }, ctx) {
        const { em } = tenantScope(ctx);
        await requireChargePoint(em, chargePointId);
        return listConnection(await firmwareStatusHistory(em, chargePointId), args, (e) => e.id, (e) => e, PAGE);
      },
    },
  },
};
