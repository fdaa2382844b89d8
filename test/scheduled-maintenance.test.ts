import { ChargePoint } from '../src/modules/charge-point/charge-point.entity';
import { StatusNotification } from '../src/modules/charge-point/status-notification.entity';
import { Command } from '../src/modules/command/command.entity';
import { MeterValue } from '../src/modules/transaction/meter-value.entity';
import { tenantEm } from '../src/platform/db';
import { isLiveEventOf, LIVE_EVENT_TYPES, type LiveEvent } from '../src/modules/event/event-types';
import type { RunningServer } from '../src/server';
import { startTestServer, waitFor, eventually } from './support/harness';
import { seedTenant } from './support/seed';

/** Repeating internal jobs, run by an in-process worker on their own BullMQ queues. */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let other: Awaited<ReturnType<typeof seedTenant>>;

beforeAll(async () => {
  server = await startTestServer({ ROLES: 'worker', RETENTION_DAYS: '30', MAINTENANCE_INTERVAL_S: '1' });
  tenant = await seedTenant(server);
  other = await seedTenant(server);
});

afterAll(async () => {
  await server.stop();
});

const DAY = 24 * 3600 * 1000;


async function seedHistory(tenantId: string) {
  const em = tenantEm(server.app.orm, tenantId);
  const old = new Date(Date.now() - 40 * DAY);
  const recent = new Date(Date.now() - 2 * DAY);
  const base = { tenantId, chargePointId: 'CP-HIST', connectorId: 1 };
  for (const receivedAt of [old, recent]) {
    em.create(StatusNotification, { ...base, status: 'Available', errorCode: 'NoError', receivedAt });
    em.create(MeterValue, { ...base, timestamp: receivedAt, sampledValue: [], receivedAt });
  }
  em.create(Command, { tenantId, chargePointId: 'CP-HIST', action: 'ClearCache', request: {}, status: 'COMPLETED', createdAt: old, completedAt: old });
  em.create(Command, { tenantId, chargePointId: 'CP-HIST', action: 'ClearCache', request: {}, status: 'QUEUED', createdAt: old });
  await em.flush();
}

async function counts(tenantId: string) {
  const em = tenantEm(server.app.orm, tenantId);
  return [await em.count(StatusNotification, {}), await em.count(MeterValue, {}), await em.count(Command, {})];
}

describe('maintenance jobs', () => {
  it('deletes history older than RETENTION_DAYS of the tenant named in the job only', async () => {
    await Promise.all([seedHistory(tenant.tenantId), seedHistory(other.tenantId)]);
    await server.app.jobs.schedule('retention.cleanup', { tenantId: tenant.tenantId });
    // Recent rows and the open command stay; the other tenant is untouched.
    await eventually(async () => (await counts(tenant.tenantId)).join() === '1,1,1');
    expect(await counts(other.tenantId)).toEqual([2, 2, 2]);
  });

  it('marks a charge point whose presence vanished as disconnected', async () => {
    await tenant.chargePoint('CP-GHOST');
    const events: LiveEvent[] = [];
    const unsubscribe = await server.app.events.subscribe(tenant.tenantId, LIVE_EVENT_TYPES, (e) => events.push(e));
    // As a node that died: the database says connected, no presence record exists.
    const connectedAt = new Date(Date.now() - 60_000);
    await tenantEm(server.app.orm, tenant.tenantId).nativeUpdate(ChargePoint, { identity: 'CP-GHOST' }, { lastConnectedAt: connectedAt });
    // Ticks every second, but under a loaded machine the tick and its tenant fan-out can queue behind other jobs.
    const event = await waitFor(() => events.filter((e) => isLiveEventOf(e, 'chargePointConnectionChanged')).find((e) => e.chargePointId === 'CP-GHOST'), 25000);
    expect(event.payload.connected).toBe(false);
    const stored = await tenantEm(server.app.orm, tenant.tenantId).findOneOrFail(ChargePoint, { identity: 'CP-GHOST' });
    expect(stored.lastDisconnectedAt!.getTime()).toBeGreaterThan(connectedAt.getTime());
    unsubscribe();
  }, 40000);
  it('gives a scheduled command whose job was lost (Redis lost data) its job back', async () => {
    const em = tenantEm(server.app.orm, tenant.tenantId);
    const longAgo = new Date(Date.now() - 3600_000);
    const lost = em.create(Command, {
      tenantId: tenant.tenantId,
      chargePointId: 'CP-LOST-JOB',
      action: 'ClearCache',
      request: {},
      status: 'QUEUED',
      createdAt: longAgo,
      scheduledAt: longAgo,
      retryUntil: new Date(Date.now() - 60_000),
    });
    await em.flush();
    expect(await server.app.jobs.queue.getJob(lost.id)).toBeUndefined();
    // The maintenance tick (every second here) requeues it; its retryUntil has passed, so delivery expires it.
    const settled = await eventually(async () => {
      const row = await tenantEm(server.app.orm, tenant.tenantId).findOne(Command, { id: lost.id });
      return row?.status === 'EXPIRED' ? row : undefined;
    }, 15000);
    expect(settled.errorDescription).toBe('Not delivered before retryUntil');
  });
});
