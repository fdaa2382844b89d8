import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { listConnection } from '../../api/pagination';
import { requireChargePoint } from '../charge-point/charge-point.lookup';
import { chargingProfileView, listProfiles } from './smart-charging.service';

export const smartChargingApi: ApiModule = {
  permissions: { 'Query.chargingProfiles': 'read' },
  resolvers: {
    Query: {
      async chargingProfiles(_parent, { chargePointId, ...args }, ctx) {
        const { em } = tenantScope(ctx);
        await requireChargePoint(em, chargePointId);
        return listConnection(await listProfiles(em, chargePointId), args, (p) => p.pk, chargingProfileView, { fallback: 100, max: 1000 });
      },
    },
  },
};
