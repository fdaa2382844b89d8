import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { requireChargePoint } from '../charge-point/charge-point.lookup';
import { chargingProfileView, listProfiles } from './smart-charging.service';

export const smartChargingApi: ApiModule = {
  permissions: { 'Query.chargingProfiles': 'read' },
  resolvers: {
    Query: {
      async chargingProfiles(_parent, { chargePointId }, ctx) {
        const { em } = tenantScope(ctx);
        await requireChargePoint(em, chargePointId);
        return (await listProfiles(em, chargePointId)).map(chargingProfileView);
      },
    },
  },
};
