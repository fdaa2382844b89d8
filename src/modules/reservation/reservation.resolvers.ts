import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { listReservations, reservationView } from './reservation.service';

export const reservationApi: ApiModule = {
  permissions: { 'Query.reservations': 'read' },
  resolvers: {
    Query: {
      async reservations(_parent, { filter }, ctx) {
        const rows = await listReservations(tenantScope(ctx).em, { chargePointId: filter?.chargePointId, active: filter?.active });
        return rows.map(reservationView);
      },
    },
  },
};
