import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { requireChargePoint } from '../charge-point/charge-point.lookup';
import { localListView } from './local-list.service';

export const localListApi: ApiModule = {
  permissions: { 'Query.localAuthorizationList': 'read' },
  resolvers: {
    Query: {
      async localAuthorizationList(_parent, { chargePointId }, ctx) {
        const { em } = tenantScope(ctx);
        await requireChargePoint(em, chargePointId);
        return localListView(em, chargePointId);
      },
    },
  },
};
