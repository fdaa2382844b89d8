import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { eventStream } from '../../api/event-stream';
import { pageSize } from '../../api/limits';
import type { TransactionParent } from '../../api/models';
import { connection, decodeCursor } from '../../api/pagination';
import type { LiveEventOf } from '../event/event-types';
import { NotFoundError } from '../../platform/errors';
import { idTagKey } from '../authorization/id-tag.entity';
import { ChargingTransaction, type TransactionState } from './transaction.entity';
import { transactionView } from './transaction.service';

const MAX_PAGE = 200;

function toParent(t: ChargingTransaction): TransactionParent {
  return { ...transactionView(t), startStatus: t.startStatus };
}

const STATES: TransactionState[] = ['ACTIVE', 'STOPPED', 'REFUSED', 'ABANDONED'];

/** The states a filter asks for: `active: true` means ACTIVE, `active: false` any other; `state` narrows. */
function statesOf(filter: { active?: boolean | null; state?: TransactionState | null }): TransactionState[] {
  return STATES.filter((s) => (filter.state == null || s === filter.state) && (filter.active == null || (s === 'ACTIVE') === filter.active));
}

/** Transactions with their meter values, newest first, and their live updates. */
export const transactionApi: ApiModule = {
  permissions: {
    'Query.transaction': 'read',
    'Query.transactions': 'read',
    'Subscription.transactionUpdated': 'read',
  },
  resolvers: {
    Query: {
      async transaction(_parent, { id }, ctx) {
        const transaction = await tenantScope(ctx).em.findOne(ChargingTransaction, { id });
        if (!transaction) throw new NotFoundError(`Transaction ${id} not found`);
        return toParent(transaction);
      },
      /** Ordered by id descending (ids follow arrival order); the cursor is the last id seen. */
      async transactions(_parent, { filter, first, after }, ctx) {
        const { em } = tenantScope(ctx);
        const size = pageSize(first, 50, MAX_PAGE);
        const beforeId = decodeCursor<number>(after, 'number');
        const where: Record<string, unknown> = {};
        if (filter?.chargePointId != null) where.chargePointId = filter.chargePointId;
        if (filter?.idTag != null) where.idTagKey = idTagKey(filter.idTag);
        if (filter?.active != null || filter?.state != null) where.state = { $in: statesOf(filter) };
        const [rows, totalCount] = await Promise.all([
          em.find(ChargingTransaction, beforeId === undefined ? where : { ...where, id: { $lt: beforeId } }, { orderBy: { id: 'desc' }, limit: size + 1 }),
          em.count(ChargingTransaction, where),
        ]);
        return connection(rows, size, after, (t) => t.id, toParent, totalCount);
      },
    },
    Subscription: {
      transactionUpdated: {
        subscribe: (_parent, { chargePointId }, ctx) => eventStream(ctx.app, tenantScope(ctx).tenantId, 'transactionUpdated', chargePointId),
        // The event shows the transaction as it was when the event happened, its meter values included (asOf).
        resolve: (event: LiveEventOf<'transactionUpdated'>): TransactionParent => ({ ...event.payload, asOf: event.logged.occurredAt }),
      },
    },
    Transaction: {
      // The transactionUpdated event does not carry startStatus; it is loaded (batched) when asked for.
      async startStatus(t, _args, ctx) {
        if (t.startStatus) return t.startStatus;
        const stored = await tenantScope(ctx).loaders.transaction.load(t.id);
        if (!stored) throw new NotFoundError(`Transaction ${t.id} not found`);
        return stored.startStatus;
      },
      active: (t) => t.state === 'ACTIVE',
      async meterValues(t, _args, ctx) {
        const values = await tenantScope(ctx).loaders.meterValues.load(t.id);
        if (t.asOf === undefined) return values;
        // In an event: the values received by then, not those stored before the event reached its subscriber.
        const asOf = new Date(t.asOf).getTime();
        return values.filter((v) => v.receivedAt.getTime() <= asOf);
      },
    },
  },
};
