import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { listConnection } from '../../api/pagination';
import { BadInputError } from '../../platform/errors';
import { requireChargePoint } from '../charge-point/charge-point.lookup';
import { createGroup, deleteGroup, groupView, listGroups, updateGroup } from './charging-group.service';
import { forgetRebalance, scheduleRebalance, scheduleRelease } from './site-limit.jobs';
import { expectedCompositeSchedule } from './smart-charging.service';

/** Longest window the CSMS computes a schedule for: a week, as a charge point would refuse more anyway. */
const MAX_SCHEDULE_DURATION_S = 7 * 86_400;

/** Site limits (charging groups) and the CSMS's own composite schedule; see the block at the end of schema.graphql. */
export const chargingGroupApi: ApiModule = {
  permissions: {
    'Query.chargingGroups': 'read',
    'Query.expectedCompositeSchedule': 'read',
    'Mutation.createChargingGroup': 'operate',
    'Mutation.updateChargingGroup': 'operate',
    'Mutation.deleteChargingGroup': 'operate',
  },
  resolvers: {
    Query: {
      async chargingGroups(_parent, args, ctx) {
        const { em } = tenantScope(ctx);
        // Views of the page only: each costs queries of its own.
        const page = listConnection(await listGroups(em), args, (g) => String(g.id), (g) => g, { fallback: 50, max: 200 });
        return { ...page, edges: await Promise.all(page.edges.map(async (edge) => ({ ...edge, node: await groupView(em, edge.node) }))) };
      },
      async expectedCompositeSchedule(_parent, { chargePointId, connectorId, duration, chargingRateUnit }, ctx) {
        const { em } = tenantScope(ctx);
        if (connectorId < 0) throw new BadInputError('connectorId must be 0 or more', 'connectorId');
        if (duration <= 0 || duration > MAX_SCHEDULE_DURATION_S) throw new BadInputError(`duration must be 1 to ${MAX_SCHEDULE_DURATION_S} seconds`, 'duration');
        await requireChargePoint(em, chargePointId);
        const composite = await expectedCompositeSchedule(em, chargePointId, { connectorId, duration, chargingRateUnit: chargingRateUnit ?? undefined });
        // No profile in force during the window: nothing limits the connector.
        return composite.chargingSchedule.chargingSchedulePeriod.length ? composite.chargingSchedule : null;
      },
    },
    Mutation: {
      async createChargingGroup(_parent, { input }, ctx) {
        const { em, tenantId } = tenantScope(ctx);
        const group = await createGroup(em, tenantId, input);
        await scheduleRebalance(ctx.app, tenantId, group.id);
        return { chargingGroup: await groupView(em, group) };
      },
      async updateChargingGroup(_parent, { input }, ctx) {
        const { em, tenantId } = tenantScope(ctx);
        const { group, removed } = await updateGroup(em, tenantId, input.id, input);
        await scheduleRebalance(ctx.app, tenantId, group.id);
        await scheduleRelease(ctx.app, tenantId, removed);
        return { chargingGroup: await groupView(em, group) };
      },
      async deleteChargingGroup(_parent, { input }, ctx) {
        const { em, tenantId } = tenantScope(ctx);
        const members = await deleteGroup(em, input.id);
        await forgetRebalance(ctx.app, tenantId, input.id);
        await scheduleRelease(ctx.app, tenantId, members);
        return { deleted: true };
      },
    },
  },
};
