import { randomBytes } from 'node:crypto';
import type { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { apiTenant } from './support/graphql-client';
import { connectChargePoint, eventually, startTestServer } from './support/harness';
import { killAllServers, spawnServer } from './support/process';
import { signatureValid, webhookReceiver } from './support/webhook-receiver';

/**
 * The webhook worker is a real process, killed with SIGKILL while its delivery is in flight; the API and
 * ingress run in this process (no worker role), sharing PostgreSQL and Redis with it.
 */
const REDIS_PREFIX = `${process.env.QCHARGE_TEST_REDIS_PREFIX}whcrash${randomBytes(3).toString('hex')}:`;
const WORKER_ENV = { WEBHOOK_ALLOW_PRIVATE: 'true' };

let server: RunningServer;
let secondWorker: RunningServer | undefined;
let cp: RPCClient | undefined;
let receiver: Awaited<ReturnType<typeof webhookReceiver>>;

beforeAll(async () => {
  server = await startTestServer({ ROLES: 'ingress,api', REDIS_PREFIX, ...WORKER_ENV });
});

afterAll(async () => {
  await cp?.close({ force: true }).catch(() => undefined);
  await killAllServers();
  await receiver?.close();
  await secondWorker?.stop();
  await server.stop();
});

it('a worker killed mid-delivery loses nothing: another worker delivers the event', async () => {
  // The first request reaches the receiver and is never answered; the worker dies holding it.
  let firstArrived: () => void;
  const arrived = new Promise<void>((resolve) => (firstArrived = resolve));
  receiver = await webhookReceiver((n) => {
    if (n === 1) {
      firstArrived();
      return 'hang';
    }
    return 200;
  });
  const tenant = await apiTenant(server);
  await tenant.chargePoint('CP-1');
  const { createWebhook } = await tenant.owner.data(
    `mutation($url: String!) { createWebhook(input: { url: $url, eventTypes: [CONNECTOR_STATUS_CHANGED] }) { webhook { id } secret } }`,
    { url: receiver.url },
  );

  const worker = await spawnServer({ roles: 'worker', redisPrefix: REDIS_PREFIX, env: WORKER_ENV });
  cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-1' });
  await cp.call('StatusNotification', { connectorId: 1, status: 'Faulted', errorCode: 'OtherError' });
  await arrived;
  await worker.kill();

  const deliveries = async () =>
    (
      await tenant.owner.data(`query($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { attempt status httpStatus } } } }`, {
        id: createWebhook.webhook.id,
      })
    ).webhookDeliveries.edges.map((e: any) => e.node);
  expect(await deliveries()).toEqual([{ attempt: 1, status: 'PENDING', httpStatus: null }]);

  // Another worker (in this process) takes the stalled job over once the dead one's lock has lapsed.
  secondWorker = await startTestServer({ ROLES: 'worker', REDIS_PREFIX, ...WORKER_ENV });
  await eventually(async () => (await deliveries())[0]?.status === 'DELIVERED', 45_000, 250);
  // At least once: the same event again, signed, to a receiver that deduplicates by QCharge-Event-Id.
  expect(receiver.received.length).toBeGreaterThanOrEqual(2);
  const [first, again] = receiver.received;
  expect(again.headers['qcharge-event-id']).toBe(first.headers['qcharge-event-id']);
  expect(signatureValid(createWebhook.secret, again.headers['qcharge-signature'], again.rawBody)).toBe(true);
  expect(again.body).toMatchObject({ type: 'CONNECTOR_STATUS_CHANGED', data: { status: 'Faulted', chargePointId: 'CP-1' } });
}, 120_000);
