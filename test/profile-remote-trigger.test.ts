import type { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { connectChargePoint, startTestServer } from './support/harness';
import { seedTenant } from './support/seed';
import { bootedStation } from './support/station';

let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let api: GraphQLClient;
let cp: RPCClient;
let received: Record<string, any[]>;
let answer = 'Accepted';

beforeAll(async () => {
  server = await startTestServer();
  tenant = await seedTenant(server);
  api = graphqlClient(server, tenant.ownerKey);
  ({ cp, received } = await bootedStation(server, tenant, 'CP-TRIGGER', { TriggerMessage: () => ({ status: answer }) }));
});

afterAll(async () => {
  await cp.close({ force: true }).catch(() => undefined);
  await server.stop();
});

const TRIGGER = `mutation($input: TriggerMessageInput!) { triggerMessage(input: $input) { status command { status request } } }`;

/** What the station sends after accepting each trigger (TC_054 sends an empty meterValue list). */
const TRIGGERED: Record<string, [string, (connectorId?: number) => Record<string, unknown>]> = {
  BootNotification: ['BootNotification', () => ({ chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' })],
  DiagnosticsStatusNotification: ['DiagnosticsStatusNotification', () => ({ status: 'Idle' })],
  FirmwareStatusNotification: ['FirmwareStatusNotification', () => ({ status: 'Idle' })],
  Heartbeat: ['Heartbeat', () => ({})],
  MeterValues: ['MeterValues', (connectorId) => ({ connectorId: connectorId ?? 0, meterValue: [] })],
  StatusNotification: ['StatusNotification', (connectorId) => ({ connectorId: connectorId ?? 0, status: 'Available', errorCode: 'NoError' })],
};

describe('Remote Trigger profile', () => {
  const cases = Object.keys(TRIGGERED).flatMap((message) => [
    [message, undefined],
    [message, 1],
  ]) as Array<[string, number | undefined]>;

  it.each(cases)('TC_054: %s (connectorId %s) is accepted and the triggered message is answered', async (requestedMessage, connectorId) => {
    const input: Record<string, unknown> = { chargePointId: 'CP-TRIGGER', requestedMessage };
    if (connectorId !== undefined) input.connectorId = connectorId;
    const data = await api.data(TRIGGER, { input });
    expect(data.triggerMessage.status).toBe('Accepted');
    expect(received.TriggerMessage[received.TriggerMessage.length - 1]).toEqual(connectorId === undefined ? { requestedMessage } : { requestedMessage, connectorId });
    const [action, payload] = TRIGGERED[requestedMessage];
    const reply = await cp.call(action, payload(connectorId));
    if (action === 'Heartbeat') expect(reply).toHaveProperty('currentTime');
    else if (action === 'BootNotification') expect(reply.status).toBe('Accepted');
    else expect(reply).toEqual({});
  });

  it.each(['Rejected', 'NotImplemented'])('TC_055: an answer %s is reported', async (status) => {
    answer = status;
    const data = await api.data(TRIGGER, { input: { chargePointId: 'CP-TRIGGER', requestedMessage: 'MeterValues', connectorId: 1 } });
    expect(data.triggerMessage).toMatchObject({ status, command: { status: 'COMPLETED' } });
    answer = 'Accepted';
  });

  it('while Pending, answers what TriggerMessage asked for and refuses the rest with SecurityError', async () => {
    await tenant.chargePoint('CP-PENDING-TRIGGER', { registrationStatus: 'Pending' });
    const pending = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-PENDING-TRIGGER' });
    try {
      let triggerAnswer = 'Accepted';
      pending.handle('TriggerMessage', () => ({ status: triggerAnswer }));
      expect((await pending.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' })).status).toBe('Pending');
      // Not asked for: refused.
      await expect(pending.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' })).rejects.toMatchObject({ rpcErrorCode: 'SecurityError' });
      // A trigger the charge point rejects opens nothing.
      triggerAnswer = 'Rejected';
      await api.data(TRIGGER, { input: { chargePointId: 'CP-PENDING-TRIGGER', requestedMessage: 'Heartbeat' } });
      await expect(pending.call('Heartbeat', {})).rejects.toMatchObject({ rpcErrorCode: 'SecurityError' });
      // Triggered and accepted: the StatusNotification of every connector is handled and stored.
      triggerAnswer = 'Accepted';
      expect((await api.data(TRIGGER, { input: { chargePointId: 'CP-PENDING-TRIGGER', requestedMessage: 'StatusNotification' } })).triggerMessage.status).toBe('Accepted');
      for (const connectorId of [0, 1, 2]) {
        expect(await pending.call('StatusNotification', { connectorId, status: 'Unavailable', errorCode: 'NoError' })).toEqual({});
      }
      const { chargePoint } = await api.data(`{ chargePoint(id: "CP-PENDING-TRIGGER") { registrationStatus connectors { connectorId status } } }`);
      expect(chargePoint.registrationStatus).toBe('Pending');
      expect(chargePoint.connectors.map((c: any) => [c.connectorId, c.status])).toEqual([[0, 'Unavailable'], [1, 'Unavailable'], [2, 'Unavailable']]);
      // Only what was asked for.
      await expect(pending.call('Heartbeat', {})).rejects.toMatchObject({ rpcErrorCode: 'SecurityError' });
      await expect(pending.call('Authorize', { idTag: 'ANY' })).rejects.toMatchObject({ rpcErrorCode: 'SecurityError' });
    } finally {
      await pending.close({ force: true }).catch(() => undefined);
    }
  });
});
