import { randomBytes } from 'node:crypto';
import { RPCClient, type OcppPayload } from './support/rpc-client';
import { Command } from '../src/modules/command/command.entity';
import { tenantEm } from '../src/platform/db';
import { isLiveEventOf, LIVE_EVENT_TYPES, type LiveEvent, type LiveEventOf, type LiveEventType } from '../src/modules/event/event-types';
import type { RunningServer } from '../src/server';
import { startTestServer, waitFor, eventually } from './support/harness';
import { killAllServers, spawnServer, type ServerProcess } from './support/process';
import type { GraphQLResponse } from './support/graphql-client';
import { seedTenant } from './support/seed';

/**
 * Scheduled commands: this process runs ingress + api (no worker); the worker role runs alone in a real
 * process, so every delivery crosses Redis (BullMQ and cross-node routing) and the worker can be killed.
 */
const BOOT = { chargePointVendor: 'QCharge', chargePointModel: 'Sched-1' };
const REDIS_PREFIX = `${process.env.QCHARGE_TEST_REDIS_PREFIX}sched${randomBytes(3).toString('hex')}:`;
const WORKER_ENV = { OCPP_CALL_TIMEOUT_MS: '1000', MAINTENANCE_INTERVAL_S: '60' };

let server: RunningServer;
let worker: ServerProcess;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
const events: LiveEvent[] = [];

/** The events received of one subscription type, typed by it. */
function eventsOf<L extends LiveEventType>(type: L): Array<LiveEventOf<L>> {
  return events.filter((e): e is LiveEventOf<L> => isLiveEventOf(e, type));
}
let unsubscribe: () => void;
const clients: RPCClient[] = [];

async function connect(identity: string, handlers: Record<string, (params: OcppPayload) => OcppPayload | Promise<OcppPayload>> = {}): Promise<RPCClient> {
  const client = new RPCClient({
    endpoint: `ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}`,
    identity,
    protocols: ['ocpp1.6'],
    strictMode: true,
    reconnect: false,
    callTimeoutMs: 10000,
  });
  client.handle('ClearCache', () => ({ status: 'Accepted' }));
  for (const [action, handler] of Object.entries(handlers)) client.handle(action, ({ params }) => handler(params));
  await client.connect();
  clients.push(client);
  return client;
}

function em() {
  return tenantEm(server.app.orm, tenant.tenantId);
}

async function schedule(chargePointId: string, schedule: { at?: Date; retryUntil?: Date }) {
  const { command, response } = await server.app.commands.create(em(), {
    tenantId: tenant.tenantId,
    chargePointId,
    action: 'ClearCache',
    request: {},
    schedule,
  });
  expect(response).toBeNull();
  expect(command.status).toBe('QUEUED');
  return command.id;
}

function statuses(commandId: string): string[] {
  return eventsOf('commandUpdated').filter((e) => e.payload.id === commandId).map((e) => e.payload.status);
}

function settled(commandId: string, status: string, timeoutMs = 15000) {
  return waitFor(() => statuses(commandId).includes(status), timeoutMs);
}

async function jobState(commandId: string): Promise<{ state: string; retries: number }> {
  const job = await server.app.jobs.queue.getJob(commandId);
  return { state: job ? await job.getState() : 'missing', retries: job?.data.retries ?? 0 };
}


beforeAll(async () => {
  [server, worker] = await Promise.all([
    startTestServer({ ROLES: 'ingress,api', REDIS_PREFIX }),
    spawnServer({ roles: 'worker', redisPrefix: REDIS_PREFIX, env: WORKER_ENV }),
  ]);
  tenant = await seedTenant(server);
  unsubscribe = await server.app.events.subscribe(tenant.tenantId, LIVE_EVENT_TYPES, (event) => events.push(event));
}, 90_000);

afterAll(async () => {
  unsubscribe?.();
  await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => undefined)));
  await killAllServers();
  await server?.stop();
});

describe('scheduled commands (BullMQ)', () => {
  it('a command for an offline charge point goes out when it connects and completes', async () => {
    await tenant.chargePoint('CP-LATER');
    const response = await fetch(`http://127.0.0.1:${server.apiPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.ownerKey}` },
      body: JSON.stringify({
        query: `mutation ($input: ClearCacheInput!) { clearCache(input: $input) { status command { id status } } }`,
        variables: { input: { chargePointId: 'CP-LATER', schedule: { retryUntil: new Date(Date.now() + 120_000).toISOString() } } },
      }),
    });
    const { data, errors } = (await response.json()) as Omit<GraphQLResponse, 'status'>;
    expect(errors).toBeUndefined();
    expect(data.clearCache).toMatchObject({ status: null, command: { status: 'QUEUED' } });
    const id: string = data.clearCache.command.id;
    // The worker found it offline and parked it with a backoff.
    await eventually(async () => (await jobState(id)).state === 'delayed' && (await jobState(id)).retries >= 1);

    const cp = await connect('CP-LATER');
    await cp.call('BootNotification', BOOT);
    await settled(id, 'COMPLETED');
    expect(statuses(id)).toEqual(['QUEUED', 'SENT', 'COMPLETED']);
    const stored = await em().findOneOrFail(Command, { id });
    expect(stored).toMatchObject({ status: 'COMPLETED', attempts: 1, messageId: id, response: { status: 'Accepted' } });
  });

  it('waits for `at` before sending to a connected charge point', async () => {
    await tenant.chargePoint('CP-AT');
    const received: string[] = [];
    const cp = await connect('CP-AT', { ClearCache: () => (received.push(new Date().toISOString()), { status: 'Rejected' }) });
    await cp.call('BootNotification', BOOT);
    const at = new Date(Date.now() + 1500);
    const id = await schedule('CP-AT', { at });
    await settled(id, 'COMPLETED');
    expect(received).toHaveLength(1);
    const stored = await em().findOneOrFail(Command, { id });
    expect(stored.sentAt!.getTime()).toBeGreaterThanOrEqual(at.getTime());
    expect(stored.response).toEqual({ status: 'Rejected' });
  });

  it('expires a command whose retryUntil passes while the charge point stays offline', async () => {
    await tenant.chargePoint('CP-NEVER');
    const id = await schedule('CP-NEVER', { retryUntil: new Date(Date.now() + 1500) });
    await settled(id, 'EXPIRED');
    expect(statuses(id)).toEqual(['QUEUED', 'EXPIRED']);
    const stored = await em().findOneOrFail(Command, { id });
    expect(stored).toMatchObject({ status: 'EXPIRED', attempts: 0, errorCode: 'CHARGE_POINT_OFFLINE' });
  });

  it('retries after a timeout and completes on a later attempt', async () => {
    await tenant.chargePoint('CP-SLOW');
    let calls = 0;
    const cp = await connect('CP-SLOW', {
      // The first CALL is never answered: the worker's attempt times out (OCPP_CALL_TIMEOUT_MS=1000).
      ClearCache: () => (++calls === 1 ? new Promise(() => undefined) : { status: 'Accepted' }),
    });
    await cp.call('BootNotification', BOOT);
    const id = await schedule('CP-SLOW', { retryUntil: new Date(Date.now() + 60_000) });
    await settled(id, 'COMPLETED');
    expect(statuses(id)).toEqual(['QUEUED', 'SENT', 'QUEUED', 'SENT', 'COMPLETED']);
    const stored = await em().findOneOrFail(Command, { id });
    expect(stored).toMatchObject({ attempts: 2, errorCode: null });
    expect(calls).toBe(2);
  });

  it('a retried attempt records the uniqueId it sent, so the command matches its frames', async () => {
    await tenant.chargePoint('CP-DROP');
    const id = await schedule('CP-DROP', { retryUntil: new Date(Date.now() + 60_000) });
    await eventually(async () => (await jobState(id)).state === 'delayed');

    // The first attempt reaches the charge point, which drops the connection instead of answering.
    const received: string[] = [];
    const first = await connect('CP-DROP');
    first.handle('ClearCache', ({ messageId }: { messageId: string }) => {
      received.push(messageId);
      void first.close({ force: true });
      return new Promise(() => undefined);
    });
    await first.call('BootNotification', BOOT);
    await waitFor(() => statuses(id).join() === 'QUEUED,SENT,QUEUED', 15000);
    expect(received).toHaveLength(1);

    const second = await connect('CP-DROP');
    second.handle('ClearCache', ({ messageId }: { messageId: string }) => (received.push(messageId), { status: 'Accepted' }));
    await second.call('BootNotification', BOOT);
    await settled(id, 'COMPLETED');

    expect(received).toHaveLength(2);
    expect(received[0]).toBe(id);
    expect(received[1]).not.toBe(id);
    const { data } = (await (
      await fetch(`http://127.0.0.1:${server.apiPort}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.ownerKey}` },
        body: JSON.stringify({ query: `query ($id: ID!) { command(id: $id) { status attempts messageId } }`, variables: { id } }),
      })
    ).json()) as Omit<GraphQLResponse, 'status'>;
    expect(data.command).toEqual({ status: 'COMPLETED', attempts: 2, messageId: received[1] });
    const completed = eventsOf('commandUpdated').find((e) => e.payload.id === id && e.payload.status === 'COMPLETED');
    expect(completed?.payload.messageId).toBe(received[1]);
  });

  it('a failed call (CALLERROR) is final', async () => {
    await tenant.chargePoint('CP-ERR');
    const cp = await connect('CP-ERR', {
      ClearCache: () => {
        throw Object.assign(new Error('nope'), { rpcErrorCode: 'InternalError' });
      },
    });
    await cp.call('BootNotification', BOOT);
    const id = await schedule('CP-ERR', { retryUntil: new Date(Date.now() + 60_000) });
    await settled(id, 'FAILED');
    const stored = await em().findOneOrFail(Command, { id });
    expect(stored).toMatchObject({ status: 'FAILED', attempts: 1, errorCode: 'OCPP_CALL_ERROR' });
  });

  it('loses no job when the worker is killed mid-retry', async () => {
    await tenant.chargePoint('CP-RESTART');
    const id = await schedule('CP-RESTART', { retryUntil: new Date(Date.now() + 120_000) });
    await eventually(async () => (await jobState(id)).state === 'delayed');

    await worker.kill();
    const cp = await connect('CP-RESTART');
    await cp.call('BootNotification', BOOT);
    // With no worker alive the connect can only move the job forward; nothing is sent yet.
    await eventually(async () => (await jobState(id)).state === 'waiting');
    expect(statuses(id)).toEqual(['QUEUED']);

    worker = await spawnServer({ roles: 'worker', redisPrefix: REDIS_PREFIX, env: WORKER_ENV });
    await settled(id, 'COMPLETED');
    expect(await em().findOneOrFail(Command, { id })).toMatchObject({ status: 'COMPLETED', attempts: 1 });
  }, 60_000);
});
