import WebSocket from 'ws';
import { createLogger } from '../src/platform/logger';
import { startServer, type RunningServer } from '../src/server';
import { connectChargePoint, eventually, testConfig } from './support/harness';
import { seedTenant } from './support/seed';

/** Answers that could not go out, refused starts and refused id tags are logged and counted. */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
const lines: string[] = [];

function logged(msg: string): Array<Record<string, any>> {
  return lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === msg);
}

async function metric(name: string, labels: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${server.apiPort}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

beforeAll(async () => {
  const config = testConfig();
  server = await startServer(config, createLogger('info', { write: (line: string) => void lines.push(line) }));
  tenant = await seedTenant(server);
  await tenant.idTag('DELIVER-OK');
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

describe('what could not be delivered', () => {
  it('logs and counts answers whose connection closed before they went out', async () => {
    await tenant.chargePoint('CP-GONE');
    const before = await metric('qcharge_ocpp_undelivered_total', 'action="StartTransaction"');
    const socket = new WebSocket(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}/CP-GONE`, ['ocpp1.6']);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const booted = new Promise((resolve) => socket.once('message', resolve));
    socket.send(JSON.stringify([2, 'boot-1', 'BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Gone-1' }]));
    await booted;
    // Calls are answered one at a time, in order: most of these are still waiting when the socket goes.
    const ids = Array.from({ length: 20 }, (_, i) => `start-${i}`);
    const t0 = Date.now();
    for (const [i, id] of ids.entries()) {
      socket.send(JSON.stringify([2, id, 'StartTransaction', { connectorId: 1, idTag: 'DELIVER-OK', meterStart: i, timestamp: new Date(t0 + i * 1000).toISOString() }]));
    }
    socket.terminate();

    const undeliveredNow = () => logged('answer not delivered: the connection closed first').filter((e) => e.chargePointId === 'CP-GONE');
    await eventually(async () => undeliveredNow().length > 0);
    // Calls still queued when the socket went keep finishing, each one more undelivered answer: the log and
    // the counter are compared once they agree (each answer is logged and counted at once).
    const undelivered = await eventually(async () => {
      const found = undeliveredNow();
      return (await metric('qcharge_ocpp_undelivered_total', 'action="StartTransaction"')) === before + found.length && found;
    });
    expect(undelivered.length).toBeGreaterThan(0);
    for (const entry of undelivered) {
      expect(ids).toContain(entry.uniqueId);
      expect(entry).toMatchObject({ level: 30, tenantId: tenant.tenantId, action: 'StartTransaction' });
    }
  });

  it('logs and counts refused starts and refused id tags with the message uniqueId', async () => {
    await tenant.chargePoint('CP-REFUSE');
    await tenant.idTag('DELIVER-BLOCKED', 'Blocked');
    const startsBefore = await metric('qcharge_refused_starts_total', 'status="Blocked"');
    const tagsBefore = await metric('qcharge_refused_id_tags_total', 'status="Invalid"');
    const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-REFUSE' });
    try {
      await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Refuse-1' });
      const start: any = await cp.call('StartTransaction', { connectorId: 1, idTag: 'DELIVER-BLOCKED', meterStart: 0, timestamp: new Date().toISOString() });
      expect(start.idTagInfo.status).toBe('Blocked');
      const auth: any = await cp.call('Authorize', { idTag: 'NOBODY' });
      expect(auth.idTagInfo.status).toBe('Invalid');
      const accepted: any = await cp.call('Authorize', { idTag: 'DELIVER-OK' });
      expect(accepted.idTagInfo.status).toBe('Accepted');
    } finally {
      await cp.close({ force: true });
    }
    const starts = logged('start refused').filter((e) => e.chargePointId === 'CP-REFUSE');
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({ level: 30, status: 'Blocked', tenantId: tenant.tenantId });
    expect(typeof starts[0].uniqueId).toBe('string');
    expect(typeof starts[0].transactionId).toBe('number');
    const tags = logged('id tag refused').filter((e) => e.chargePointId === 'CP-REFUSE');
    expect(tags).toHaveLength(1);
    expect(tags[0]).toMatchObject({ level: 30, status: 'Invalid' });
    expect(await metric('qcharge_refused_starts_total', 'status="Blocked"')).toBe(startsBefore + 1);
    expect(await metric('qcharge_refused_id_tags_total', 'status="Invalid"')).toBe(tagsBefore + 1);
  });
});
