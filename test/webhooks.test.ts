import type { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { apiTenant } from './support/graphql-client';
import { connectChargePoint, eventually, startTestServer } from './support/harness';
import { signatureValid, webhookReceiver } from './support/webhook-receiver';

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id url eventTypes enabled } secret } }`;
const DELIVERIES = `query($id: ID!) { webhookDeliveries(webhookId: $id, first: 100) { edges { node { id eventId attempt status httpStatus error createdAt nextAttemptAt } } } }`;

let server: RunningServer;
let tenantA: Awaited<ReturnType<typeof apiTenant>>;
let tenantB: Awaited<ReturnType<typeof apiTenant>>;
const receivers: Array<{ close(): Promise<void> }> = [];
const chargePoints: RPCClient[] = [];

async function receiver(...args: Parameters<typeof webhookReceiver>) {
  const r = await webhookReceiver(...args);
  receivers.push(r);
  return r;
}

async function createWebhook(tenant: typeof tenantA, url: string, eventTypes = ['CONNECTOR_STATUS_CHANGED']) {
  const { createWebhook } = await tenant.owner.data(CREATE, { input: { url, eventTypes, description: 'test' } });
  return createWebhook as { webhook: { id: string }; secret: string };
}

/** Oldest attempt first. */
async function deliveries(tenant: typeof tenantA, webhookId: string) {
  const { webhookDeliveries } = await tenant.owner.data(DELIVERIES, { id: webhookId });
  return webhookDeliveries.edges.map((e: any) => e.node).reverse();
}

/** qcharge_webhook_attempts_total by outcome, and qcharge_webhook_deliveries_due as `due`, from /metrics. */
async function attemptCounts(): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${server.apiPort}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const [, outcome, value] of text.matchAll(/^qcharge_webhook_attempts_total\{outcome="(\w+)"\} (\d+)$/gm)) counts[outcome] = Number(value);
  const due = /^qcharge_webhook_deliveries_due (\d+)$/m.exec(text);
  if (due) counts.due = Number(due[1]);
  return counts;
}

/** One CONNECTOR_STATUS_CHANGED event in the tenant. */
async function statusEvent(tenant: typeof tenantA, identity: string) {
  const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity });
  chargePoints.push(cp);
  await cp.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
}

beforeAll(async () => {
  // A short retry window, so retries and DEAD come within seconds; a local receiver needs private targets.
  server = await startTestServer({ WEBHOOK_RETRY_HOURS: '0.002', WEBHOOK_ALLOW_PRIVATE: 'true' });
  tenantA = await apiTenant(server);
  tenantB = await apiTenant(server);
  for (const id of ['CP-1', 'CP-2', 'CP-3', 'CP-4']) await tenantA.chargePoint(id);
  await tenantB.chargePoint('CP-1');
});

afterEach(async () => {
  await Promise.all(chargePoints.splice(0).map((cp) => cp.close({ force: true }).catch(() => undefined)));
});

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await server.stop();
});

describe('webhooks', () => {
  it('delivers a signed event that verifies, to its own tenant only, and never shows the secret again', async () => {
    const inA = await receiver();
    const inB = await receiver();
    const hookA = await createWebhook(tenantA, inA.url);
    const hookB = await createWebhook(tenantB, inB.url, ['CONNECTOR_STATUS_CHANGED', 'CHARGE_POINT_CONNECTED', 'CHARGE_POINT_DISCONNECTED']);
    expect(hookA.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    await statusEvent(tenantA, 'CP-1');
    await eventually(async () => inA.received.length >= 1);
    const [delivery] = inA.received;
    expect(signatureValid(hookA.secret, delivery.headers['qcharge-signature'], delivery.rawBody)).toBe(true);
    expect(signatureValid(hookB.secret, delivery.headers['qcharge-signature'], delivery.rawBody)).toBe(false);
    expect(delivery.headers['qcharge-event-type']).toBe('CONNECTOR_STATUS_CHANGED');
    expect(delivery.headers['qcharge-event-id']).toBe(delivery.body.id);
    expect(delivery.body).toMatchObject({ type: 'CONNECTOR_STATUS_CHANGED', chargePointId: 'CP-1', data: { chargePointId: 'CP-1', connectorId: 1, status: 'Available' } });
    expect(Object.keys(delivery.body).sort()).toEqual(['chargePointId', 'data', 'id', 'occurredAt', 'sequence', 'type']);
    const { events } = await tenantA.owner.data(`{ events(filter: { types: [CONNECTOR_STATUS_CHANGED] }, first: 100) { edges { node { id sequence } } } }`);
    expect(events.edges.map((e: any) => e.node)).toContainEqual({ id: delivery.body.id, sequence: delivery.body.sequence });
    const log = await eventually(async () => {
      const rows = await deliveries(tenantA, hookA.webhook.id);
      return rows[0]?.status === 'DELIVERED' && rows;
    });
    expect(log).toEqual([expect.objectContaining({ eventId: delivery.body.id, attempt: 1, status: 'DELIVERED', httpStatus: 200, error: null, nextAttemptAt: null })]);

    // Tenant B's webhook wants the same types: it got none of A's events, and does get B's own.
    await statusEvent(tenantB, 'CP-1');
    await eventually(async () => inB.received.length >= 2);
    expect(inB.received.every((d) => d.body.chargePointId === 'CP-1' && !inA.received.some((a) => a.body.id === d.body.id))).toBe(true);
    expect(signatureValid(hookB.secret, inB.received[0].headers['qcharge-signature'], inB.received[0].rawBody)).toBe(true);

    const { webhooks } = await tenantA.owner.data(`{ webhooks { totalCount edges { node { id url eventTypes description enabled } } } }`);
    expect(webhooks.edges.map((e: any) => e.node)).toContainEqual({ id: hookA.webhook.id, url: inA.url, eventTypes: ['CONNECTOR_STATUS_CHANGED'], description: 'test', enabled: true });
    expect(JSON.stringify(webhooks)).not.toContain(hookA.secret);
    // Only OWNER keys manage webhooks.
    const operator = (await import('./support/graphql-client')).graphqlClient(server, await tenantA.keyFor('OPERATOR'));
    expect(await operator.errorCode(`{ webhooks { totalCount } }`)).toBe('FORBIDDEN');
    expect(await operator.errorCode(CREATE, { input: { url: inA.url, eventTypes: ['SECURITY_EVENT'] } })).toBe('FORBIDDEN');
    await tenantA.owner.data(`mutation($id: ID!) { deleteWebhook(input: { id: $id }) { id } }`, { id: hookA.webhook.id });
    await tenantB.owner.data(`mutation($id: ID!) { deleteWebhook(input: { id: $id }) { id } }`, { id: hookB.webhook.id });
  });

  it('a receiver failing three times gets the event once more after each failure, and it ends DELIVERED', async () => {
    const before = await attemptCounts();
    const flaky = await receiver((n) => (n <= 3 ? 500 : 200));
    const hook = await createWebhook(tenantA, flaky.url);
    await statusEvent(tenantA, 'CP-2');
    const log = await eventually(async () => {
      const rows = await deliveries(tenantA, hook.webhook.id);
      return rows.some((r: any) => r.status === 'DELIVERED') && rows;
    });
    expect(log.map((r: any) => [r.attempt, r.status, r.httpStatus])).toEqual([
      [1, 'FAILED', 500],
      [2, 'FAILED', 500],
      [3, 'FAILED', 500],
      [4, 'DELIVERED', 200],
    ]);
    expect(log[0].nextAttemptAt).not.toBeNull();
    expect(flaky.received).toHaveLength(4);
    expect(new Set(flaky.received.map((d) => d.headers['qcharge-event-id'])).size).toBe(1);
    // Counted for the operator: three retries scheduled and one delivered (this test's receiver only).
    const after = await attemptCounts();
    expect((after.retry ?? 0) - (before.retry ?? 0)).toBeGreaterThanOrEqual(3);
    expect((after.delivered ?? 0) - (before.delivered ?? 0)).toBeGreaterThanOrEqual(1);
    expect(after.due).toEqual(expect.any(Number));
    await tenantA.owner.data(`mutation($id: ID!) { updateWebhook(input: { id: $id, enabled: false }) { webhook { enabled } } }`, { id: hook.webhook.id });

    // Redelivery on request: one more attempt, of the same event.
    await tenantA.owner.data(`mutation($id: ID!) { updateWebhook(input: { id: $id, enabled: true }) { webhook { enabled } } }`, { id: hook.webhook.id });
    const { redeliverWebhookEvent } = await tenantA.owner.data(`mutation($id: ID!) { redeliverWebhookEvent(input: { deliveryId: $id }) { delivery { id attempt status } } }`, {
      id: log[3].id,
    });
    expect(redeliverWebhookEvent.delivery).toMatchObject({ attempt: 5, status: 'PENDING' });
    await eventually(async () => flaky.received.length >= 5);
    expect(flaky.received[4].headers['qcharge-event-id']).toBe(flaky.received[0].headers['qcharge-event-id']);
    await tenantA.owner.data(`mutation($id: ID!) { deleteWebhook(input: { id: $id }) { id } }`, { id: hook.webhook.id });
  });

  it('a receiver that never succeeds ends DEAD once the retry window has passed', async () => {
    const broken = await receiver(() => 503);
    const hook = await createWebhook(tenantA, broken.url);
    await statusEvent(tenantA, 'CP-3');
    const log = await eventually(async () => {
      const rows = await deliveries(tenantA, hook.webhook.id);
      return rows.some((r: any) => r.status === 'DEAD') && rows;
    }, 30_000);
    const dead = log[log.length - 1];
    expect(dead).toMatchObject({ status: 'DEAD', httpStatus: 503, nextAttemptAt: null });
    expect(log.slice(0, -1).every((r: any) => r.status === 'FAILED')).toBe(true);
    expect(log.length).toBeGreaterThan(2);
    // The last attempt was made when the window (0.002 h = 7.2 s from the first) ended, each one later than the one before.
    const attemptTimes = log.slice(0, -1).map((r: any) => new Date(r.nextAttemptAt).getTime());
    expect(attemptTimes[attemptTimes.length - 1] - new Date(log[0].createdAt).getTime()).toBeGreaterThanOrEqual(7_000);
    const gaps = attemptTimes.slice(1).map((t: number, i: number) => t - attemptTimes[i]);
    expect(gaps.slice(0, 3).every((gap: number, i: number) => i === 0 || gap > gaps[i - 1])).toBe(true);
    expect(broken.received).toHaveLength(log.length);
    await tenantA.owner.data(`mutation($id: ID!) { deleteWebhook(input: { id: $id }) { id } }`, { id: hook.webhook.id });
  }, 45_000);

  it('refuses private, loopback and link-local targets unless WEBHOOK_ALLOW_PRIVATE, at creation and at delivery', async () => {
    const target = await receiver();
    expect(await tenantA.owner.errorCode(CREATE, { input: { url: 'ftp://example.com/x', eventTypes: ['SECURITY_EVENT'] } })).toBe('BAD_USER_INPUT');
    const hook = await createWebhook(tenantA, target.url);
    server.app.config.webhookAllowPrivate = false;
    try {
      for (const url of ['http://127.0.0.1:9/x', 'http://localhost:9/x', 'http://10.1.2.3/x', 'http://169.254.169.254/latest', 'http://[::1]:9/x', 'http://192.168.0.1/']) {
        expect([url, await tenantA.owner.errorCode(CREATE, { input: { url, eventTypes: ['SECURITY_EVENT'] } })]).toEqual([url, 'BAD_USER_INPUT']);
      }
      expect(
        await tenantA.owner.errorCode(`mutation($id: ID!) { updateWebhook(input: { id: $id, url: "http://127.0.0.2/" }) { webhook { id } } }`, { id: hook.webhook.id }),
      ).toBe('BAD_USER_INPUT');
      // Created while allowed, now refused when it is delivered: the receiver hears nothing.
      await statusEvent(tenantA, 'CP-4');
      const log = await eventually(async () => {
        const rows = await deliveries(tenantA, hook.webhook.id);
        return rows.length > 0 && rows[0].status !== 'PENDING' && rows;
      });
      expect(log[0]).toMatchObject({ status: 'FAILED', httpStatus: null, error: expect.stringMatching(/private/) });
      expect(target.received).toEqual([]);
    } finally {
      server.app.config.webhookAllowPrivate = true;
      await tenantA.owner.data(`mutation($id: ID!) { deleteWebhook(input: { id: $id }) { id } }`, { id: hook.webhook.id });
    }
  });

  it("a hanging endpoint's backlog does not hold up another tenant's deliveries", async () => {
    const slow = await apiTenant(server);
    const other = await apiTenant(server);
    await slow.chargePoint('CP-1');
    await other.chargePoint('CP-1');
    const hanging = await receiver(() => 'hang');
    const quick = await receiver(() => 200);
    await createWebhook(slow, hanging.url);
    await createWebhook(other, quick.url);
    // More due attempts for the hanging endpoint than its slots, and older than the other tenant's event.
    const cp = await connectChargePoint({ server, tenantSlug: slow.slug, identity: 'CP-1' });
    chargePoints.push(cp);
    for (let i = 0; i < 600; i++) {
      await cp.call('StatusNotification', { connectorId: 1, status: i % 2 ? 'Available' : 'Preparing', errorCode: 'NoError' });
    }
    await eventually(async () => hanging.received.length > 0);
    await statusEvent(other, 'CP-1');
    await eventually(async () => quick.received.length === 1);
    expect(quick.received[0].body).toMatchObject({ type: 'CONNECTOR_STATUS_CHANGED', chargePointId: 'CP-1' });
  });
});
