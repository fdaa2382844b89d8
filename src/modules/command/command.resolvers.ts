import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { eventStream } from '../../api/event-stream';
import { pageSize } from '../../api/limits';
import { connection, decodeTimeIdCursor, timeIdKey } from '../../api/pagination';
import type { LiveEventOf } from '../event/event-types';
import { NotFoundError } from '../../platform/errors';
import { Command } from './command.entity';
import { commandView } from './command.service';

const MAX_PAGE = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The command log: who sent what to which charge point, and how it ended. */
export const commandApi: ApiModule = {
  permissions: {
    'Query.command': 'read',
    'Query.commands': 'read',
    'Subscription.commandUpdated': 'read',
  },
  resolvers: {
    Query: {
      async command(_parent, { id }, ctx) {
        // Command ids are UUIDs; anything else cannot exist, and must not reach PostgreSQL as a uuid.
        const command = UUID.test(id) ? await tenantScope(ctx).em.findOne(Command, { id }) : null;
        if (!command) throw new NotFoundError(`Command ${id} not found`);
        return commandView(command);
      },
      /** Newest first. */
      async commands(_parent, { filter, first, after }, ctx) {
        const { em } = tenantScope(ctx);
        const size = pageSize(first, 100, MAX_PAGE);
        const where: Record<string, unknown> = {};
        if (filter?.chargePointId != null) where.chargePointId = filter.chargePointId;
        if (filter?.status != null) where.status = filter.status;
        const before = decodeTimeIdCursor(after);
        const page = before ? { ...where, $or: [{ createdAt: { $lt: before.at } }, { createdAt: before.at, id: { $lt: before.id } }] } : where;
        const [rows, totalCount] = await Promise.all([em.find(Command, page, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 }), em.count(Command, where)]);
        return connection(rows, size, after, (c) => timeIdKey(c.createdAt, c.id), commandView, totalCount);
      },
    },
    Subscription: {
      commandUpdated: {
        subscribe: (_parent, { chargePointId }, ctx) => eventStream(ctx.app, tenantScope(ctx).tenantId, 'commandUpdated', chargePointId),
        resolve: (event: LiveEventOf<'commandUpdated'>) => event.payload,
      },
    },
  },
};
