import WebSocket from 'ws';
import type { RunningServer } from '../src/server';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { startTestServer } from './support/harness';
import { seedTenant } from './support/seed';

/** Per-charge-point compatibility: known schema deviations repaired and counted; others stay strict. */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let api: GraphQLClient;
const sockets: WebSocket[] = [];

/** A raw OCPP-J connection (ocpp-rpc would refuse to send what these chargers send). */
async function rawStation(id: string) {
  const socket = new WebSocket(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}/${id}`, ['ocpp1.6']);
  sockets.push(socket);
  const answers = new Map<string, (frame: any[]) => void>();
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data));
    answers.get(frame[1])?.(frame);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let n = 0;
  return (action: string, payload: unknown): Promise<any[]> =>
    new Promise((resolve) => {
      const uniqueId = `${id}-${++n}`;
      answers.set(uniqueId, resolve);
      socket.send(JSON.stringify([2, uniqueId, action, payload]));
    });
}

const QUIRKY_START = { connectorId: '1', idTag: 'QUIRK-TAG', meterStart: '100', timestamp: '2026-12-01T10:00:00' };

beforeAll(async () => {
  server = await startTestServer();
  tenant = await seedTenant(server);
  api = graphqlClient(server, tenant.ownerKey);
  await tenant.idTag('QUIRK-TAG');
}, 30_000);

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await server?.stop();
});

describe('compatibility quirks', () => {
  it('repairs the deviations a charge point is set to, records them, and keeps every other charger strict', async () => {
    const { createChargePoint } = await api.data(
      `mutation { createChargePoint(input: { id: "CP-QUIRKY", compatibility: [NUMBERS_AS_STRINGS, TIMESTAMPS_WITHOUT_ZONE, UNKNOWN_STATUS_ENUM, TRANSACTION_ID_AS_STRING] }) { chargePoint { compatibility } } }`,
    );
    expect(createChargePoint.chargePoint.compatibility).toHaveLength(4);
    await api.data(`mutation { createChargePoint(input: { id: "CP-STRICT" }) { chargePoint { id } } }`);

    const quirky = await rawStation('CP-QUIRKY');
    expect((await quirky('BootNotification', { chargePointVendor: 'Q', chargePointModel: 'Quirky' }))[0]).toBe(3);
    const start = await quirky('StartTransaction', QUIRKY_START);
    expect(start[0]).toBe(3);
    expect(start[2].idTagInfo.status).toBe('Accepted');
    const transactionId: number = start[2].transactionId;
    const meter = await quirky('MeterValues', {
      connectorId: 1,
      transactionId: String(transactionId),
      meterValue: [{ timestamp: '2026-12-01T10:05:00', sampledValue: [{ value: '600', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }],
    });
    expect(meter[0]).toBe(3);
    const status = await quirky('StatusNotification', { connectorId: 1, status: 'charging', errorCode: 'WeirdVendorError' });
    expect(status[0]).toBe(3);

    const { transaction } = await api.data(`query($id: Int!) { transaction(id: $id) { connectorId meterStart startTimestamp meterValues { timestamp } } }`, { id: transactionId });
    expect(transaction).toEqual({ connectorId: 1, meterStart: 100, startTimestamp: '2026-12-01T10:00:00.000Z', meterValues: [{ timestamp: '2026-12-01T10:05:00.000Z' }] });
    const { chargePoint } = await api.data(`{ chargePoint(id: "CP-QUIRKY") { connectors { connectorId status errorCode vendorErrorCode } quirkRepairs { quirk count } } }`);
    expect(chargePoint.connectors).toEqual([{ connectorId: 1, status: 'Charging', errorCode: 'OtherError', vendorErrorCode: 'WeirdVendorError' }]);
    const counts = Object.fromEntries(chargePoint.quirkRepairs.map((r: any) => [r.quirk, r.count]));
    expect(counts).toEqual({ NUMBERS_AS_STRINGS: 1, TIMESTAMPS_WITHOUT_ZONE: 2, TRANSACTION_ID_AS_STRING: 1, UNKNOWN_STATUS_ENUM: 1 });

    const metrics = await (await fetch(`http://127.0.0.1:${server.apiPort}/metrics`)).text();
    expect(metrics).toContain(`qcharge_quirk_repairs_total{tenant="${tenant.tenantId}",quirk="TIMESTAMPS_WITHOUT_ZONE"} 2`);

    // The same frames from a charger without the setting are refused, as before.
    const strict = await rawStation('CP-STRICT');
    expect((await strict('BootNotification', { chargePointVendor: 'Q', chargePointModel: 'Strict' }))[0]).toBe(3);
    const refused = await strict('StartTransaction', { ...QUIRKY_START, idTag: 'QUIRK-TAG' });
    expect(refused[0]).toBe(4);
    expect(['TypeConstraintViolation', 'FormationViolation', 'PropertyConstraintViolation']).toContain(refused[2]);
    const refusedStatus = await strict('StatusNotification', { connectorId: 1, status: 'charging', errorCode: 'NoError' });
    expect(refusedStatus[0]).toBe(4);
    expect((await api.data(`{ chargePoint(id: "CP-STRICT") { quirkRepairs { quirk } } }`)).chargePoint.quirkRepairs).toEqual([]);
  });
});
