import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { pageSize } from '../../api/limits';
import { connection } from '../../api/pagination';
import { readEvents, sequenceAfter, type EventNode } from './event-log.reader';
import { eventLogStream } from './event-log.stream';

const MAX_PAGE = 1000;

/** The event log: a page of it, and a subscription that replays from a cursor and then stays live. */
export const eventApi: ApiModule = {
  permissions: {
    'Query.events': 'read',
    'Subscription.events': 'read',
  },
  resolvers: {
    Query: {
      async events(_parent, { filter, first, after }, ctx) {
        const { em } = tenantScope(ctx);
        const size = pageSize(first, 100, MAX_PAGE);
        const from = await sequenceAfter(em, after);
        const rows = await readEvents(em, from, size + 1, { types: filter?.types, chargePointId: filter?.chargePointId });
        const { totalCount: _unused, ...page } = connection(rows, size, after, (e) => e.sequence, (e) => e, 0);
        return page;
      },
    },
    Subscription: {
      events: {
        subscribe: (_parent, { after, types, chargePointId }, ctx) => eventLogStream(ctx.app, tenantScope(ctx).tenantId, after, { types, chargePointId }),
        resolve: (event: EventNode) => event,
      },
    },
  },
};
