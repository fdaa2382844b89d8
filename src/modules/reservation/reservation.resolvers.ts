import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { listConnection } from '../../api/pagination';
import { listReservations, reservationView } from './reservation.service';

export const reservationApi: ApiModule = {
  permissions: { 'Query.reservations': 'read' },
  resolvers: {
    Query: {
      async reservations(_parent, { filter, ...args }, ctx) {
        const rows = await listReservations(tenantScope(ctx).em, { chargePointId: filter?.chargePointId, active: filter?.active });
        return listConnection(rows, args, (r) => String(r.id), reservationView, { fallback: 100, max: 1000 });
      },
    },
  },
};
