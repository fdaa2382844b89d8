import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { eventStream } from '../../api/event-stream';
import { pageSize } from '../../api/limits';
import { connection, decodeCursor } from '../../api/pagination';
import type { LiveEventOf } from '../event/event-types';
import { clock } from '../../platform/clock';
import { BadInputError, NotFoundError } from '../../platform/errors';
import { createChargePoint, deleteChargePoint, updateChargePoint } from './charge-point-admin.service';
import { ChargePoint } from './charge-point.entity';
import type { Connector } from './connector.entity';
import type { Quirk } from '../../ocpp/quirks';
import { generatePassword } from './password';

const MAX_PAGE = 200;

/**
 * A status is current only while its charge point is connected and has not rebooted since sending it (a
 * reboot resets connectors, and the charger reports them anew); otherwise it is the last one known.
 */
function isStale(connector: Connector, connected: boolean, lastBootAt: Date | null | undefined): boolean {
  return !connected || (lastBootAt != null && connector.updatedAt.getTime() < lastBootAt.getTime());
}

/** Charge points: management, their state (connection, connectors, configuration) and live events. */
export const chargePointApi: ApiModule = {
  permissions: {
    'Query.chargePoint': 'read',
    'Query.chargePoints': 'read',
    'Mutation.createChargePoint': 'operate',
    'Mutation.updateChargePoint': 'operate',
    'Mutation.deleteChargePoint': 'operate',
    'Subscription.ocppMessages': 'read',
    'Subscription.chargePointConnectionChanged': 'read',
    'Subscription.connectorStatusChanged': 'read',
  },
  resolvers: {
    Query: {
      async chargePoint(_parent, { id }, ctx) {
        const chargePoint = await tenantScope(ctx).em.findOne(ChargePoint, { identity: id });
        if (!chargePoint) throw new NotFoundError(`Charge point ${id} not found`);
        return chargePoint;
      },
      /** Ordered by charge point id; the cursor is the last id seen. */
      async chargePoints(_parent, { first, after }, ctx) {
        const { em } = tenantScope(ctx);
        const size = pageSize(first, 50, MAX_PAGE);
        const afterId = decodeCursor<string>(after, 'string');
        const [rows, totalCount] = await Promise.all([
          em.find(ChargePoint, afterId === undefined ? {} : { identity: { $gt: afterId } }, { orderBy: { identity: 'asc' }, limit: size + 1 }),
          em.count(ChargePoint, {}),
        ]);
        return connection(rows, size, after, (cp) => cp.identity, (cp) => cp, totalCount);
      },
    },
    Mutation: {
      async createChargePoint(_parent, { input }, ctx) {
        const { em, tenantId } = tenantScope(ctx);
        if (input.generatePassword && input.password != null) throw new BadInputError('give a password or generatePassword, not both', 'password');
        if (!input.generatePassword) return { chargePoint: await createChargePoint(em, tenantId, input), password: null };
        const password = generatePassword();
        return { chargePoint: await createChargePoint(em, tenantId, { ...input, password }, { generated: true }), password };
      },
      async updateChargePoint(_parent, { input }, ctx) {
        // A password left out keeps the current one; an explicit null removes it.
        const change = { id: input.id, registrationStatus: input.registrationStatus, uploadProtocol: input.uploadProtocol, compatibility: input.compatibility, securityProfile: input.securityProfile, ...('password' in input ? { password: input.password } : {}) };
        return { chargePoint: await updateChargePoint(tenantScope(ctx).em, change) };
      },
      async deleteChargePoint(_parent, { input }, ctx) {
        await deleteChargePoint(tenantScope(ctx).em, input.id);
        return { id: input.id, deleted: true };
      },
    },
    Subscription: {
      ocppMessages: {
        subscribe: (_parent, { chargePointId }, ctx) => eventStream(ctx.app, tenantScope(ctx).tenantId, 'ocppMessage', chargePointId),
        resolve: (event: LiveEventOf<'ocppMessage'>) => event.payload,
      },
      chargePointConnectionChanged: {
        subscribe: (_parent, { chargePointId }, ctx) => eventStream(ctx.app, tenantScope(ctx).tenantId, 'chargePointConnectionChanged', chargePointId),
        resolve: (event: LiveEventOf<'chargePointConnectionChanged'>) => event.payload,
      },
      connectorStatusChanged: {
        subscribe: (_parent, { chargePointId }, ctx) => eventStream(ctx.app, tenantScope(ctx).tenantId, 'connectorStatusChanged', chargePointId),
        resolve: (event: LiveEventOf<'connectorStatusChanged'>) => event.payload,
      },
    },
    ChargePoint: {
      id: (cp) => cp.identity,
      connected: (cp, _args, ctx) => tenantScope(ctx).loaders.connected.load(cp.identity),
      async connectors(cp, { freshOnly }, ctx) {
        const { loaders } = tenantScope(ctx);
        const [connected, connectors] = await Promise.all([loaders.connected.load(cp.identity), loaders.connectors.load(cp.identity)]);
        const shown = connectors.map((c) => ({ ...c, stale: isStale(c, connected, cp.lastBootAt) }));
        return freshOnly ? shown.filter((c) => !c.stale) : shown;
      },
      configuration: (cp, _args, ctx) => tenantScope(ctx).loaders.configuration.load(cp.identity),
      quirkRepairs: (cp) => Object.entries(cp.quirkRepairs ?? {}).map(([quirk, count]) => ({ quirk: quirk as Quirk, count: count ?? 0 })),
    },
    Connector: {
      statusAgeSeconds: (c) => Math.max(0, Math.floor((clock.now().getTime() - c.updatedAt.getTime()) / 1000)),
    },
  },
};
