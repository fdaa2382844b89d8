import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { requireChargePoint } from '../charge-point/charge-point.lookup';
import { deleteFirmwareFile, firmwareFileView, listFirmwareFiles } from './firmware-files.service';
import { diagnosticsStatusHistory, firmwareStatusHistory } from './firmware-status.service';

export const firmwareApi: ApiModule = {
  permissions: { 'Mutation.deleteFirmwareFile': 'operate', 'Query.firmwareFiles': 'read', 'Query.firmwareStatusHistory': 'read', 'Query.diagnosticsStatusHistory': 'read' },
  resolvers: {
    Mutation: {
      async deleteFirmwareFile(_parent, { input }, ctx) {
        await deleteFirmwareFile(ctx.app, tenantScope(ctx).em, input.id);
        return { id: input.id, deleted: true };
      },
    },
    Query: {
      async firmwareFiles(_parent, _args, ctx) {
        return (await listFirmwareFiles(tenantScope(ctx).em)).map(firmwareFileView);
      },
      async firmwareStatusHistory(_parent, { chargePointId }, ctx) {
        const { em } = tenantScope(ctx);
        await requireChargePoint(em, chargePointId);
        return firmwareStatusHistory(em, chargePointId);
      },
      async diagnosticsStatusHistory(_parent, { chargePointId }, ctx) {
        const { em } = tenantScope(ctx);
        await requireChargePoint(em, chargePointId);
        return diagnosticsStatusHistory(em, chargePointId);
      },
    },
  },
};
