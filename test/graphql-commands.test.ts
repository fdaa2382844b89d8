import { createRPCError } from 'ocpp-rpc';
import type { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { apiTenant, graphqlClient, type GraphQLClient } from './support/graphql-client';
import { ChargePointTimeoutError } from '../src/ocpp/call-errors';
import { connectChargePoint, eventually, startTestServer, waitFor } from './support/harness';

const BOOT = { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' };
const COMMAND = 'command { id status action request response createdBy messageId }';

let server: RunningServer;
let tenant: Awaited<ReturnType<typeof apiTenant>>;
let operator: GraphQLClient;
const clients: RPCClient[] = [];
/** What the charge point received, by action. */
const received: Record<string, any[]> = {};

async function chargePoint(identity: string, password?: string): Promise<RPCClient> {
  const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity, password });
  clients.push(cp);
  const answer = (action: string, respond: (params: any) => any) =>
    cp.handle(action, ({ params }: { params: any }) => {
      (received[action] ??= []).push(params);
      return respond(params);
    });
  answer('Reset', (p) => ({ status: p.type === 'Hard' ? 'Rejected' : 'Accepted' }));
  answer('ChangeConfiguration', (p) => ({ status: p.key === 'ReadOnlyKey' ? 'Rejected' : 'Accepted' }));
  answer('GetConfiguration', () => ({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }, { key: 'NumberOfConnectors', readonly: true, value: '2' }], unknownKey: ['Nope'] }));
  answer('RemoteStartTransaction', () => ({ status: 'Accepted' }));
  answer('RemoteStopTransaction', () => ({ status: 'Rejected' }));
  answer('UnlockConnector', () => ({ status: 'NotSupported' }));
  answer('TriggerMessage', () => ({ status: 'Accepted' }));
  answer('DataTransfer', (p) => ({ status: 'Accepted', data: `pong:${p.data}` }));
  answer('ClearCache', () => ({ status: 'Accepted' }));
  answer('ChangeAvailability', () => ({ status: 'Scheduled' }));
  answer('GetLocalListVersion', () => {
    throw createRPCError('NotSupported', 'no local list here');
  });
  await cp.call('BootNotification', BOOT);
  return cp;
}

beforeAll(async () => {
  server = await startTestServer();
  tenant = await apiTenant(server);
  operator = graphqlClient(server, await tenant.keyFor('OPERATOR'));
  await tenant.chargePoint('CP-CMD');
  await chargePoint('CP-CMD');
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => undefined)));
  await server.stop();
});

describe('command mutations against an ocpp-rpc charge point', () => {
  it('reset: Accepted and Rejected, recorded with who sent it', async () => {
    const soft = (await operator.data(`mutation { reset(input: { chargePointId: "CP-CMD", type: Soft }) { messageId status ${COMMAND} } }`)).reset;
    expect(soft).toMatchObject({ status: 'Accepted', command: { status: 'COMPLETED', action: 'Reset', request: { type: 'Soft' }, response: { status: 'Accepted' }, createdBy: 'k' } });
    expect(soft.messageId).toBe(soft.command.messageId);
    const hard = (await operator.data(`mutation { reset(input: { chargePointId: "CP-CMD", type: Hard }) { status ${COMMAND} } }`)).reset;
    expect(hard.status).toBe('Rejected');
    const { command } = await operator.data(`query($id: ID!) { command(id: $id) { id status action request response createdBy completedAt attempts } }`, { id: hard.command.id });
    expect(command).toMatchObject({ status: 'COMPLETED', request: { type: 'Hard' }, response: { status: 'Rejected' }, attempts: 1 });
    expect(command.completedAt).toMatch(/Z$/);
  });

  it('changeConfiguration and getConfiguration keep what the charge point reports', async () => {
    const change = (await operator.data(`mutation { changeConfiguration(input: { chargePointId: "CP-CMD", key: "MeterValueSampleInterval", value: "60" }) { status } }`)).changeConfiguration;
    expect(change.status).toBe('Accepted');
    const get = (await operator.data(`mutation { getConfiguration(input: { chargePointId: "CP-CMD", key: ["HeartbeatInterval", "Nope"] }) { messageId configurationKey { key readonly value } unknownKey ${COMMAND} } }`)).getConfiguration;
    expect(get.configurationKey).toEqual([{ key: 'HeartbeatInterval', readonly: false, value: '300' }, { key: 'NumberOfConnectors', readonly: true, value: '2' }]);
    expect(get.unknownKey).toEqual(['Nope']);
    expect(received.GetConfiguration.at(-1)).toEqual({ key: ['HeartbeatInterval', 'Nope'] });
    const { chargePoint } = await operator.data(`{ chargePoint(id: "CP-CMD") { connected configuration { key value readonly } } }`);
    expect(chargePoint.connected).toBe(true);
    expect(chargePoint.configuration).toEqual([
      { key: 'HeartbeatInterval', value: '300', readonly: false },
      { key: 'MeterValueSampleInterval', value: '60', readonly: false },
      { key: 'NumberOfConnectors', value: '2', readonly: true },
    ]);
  });

  it('the HeartbeatInterval a charge point accepted or reports is the interval its next BootNotification gets', async () => {
    await tenant.chargePoint('CP-HB');
    const cp = await chargePoint('CP-HB');
    const bootInterval = async () => (await cp.call('BootNotification', BOOT)).interval;
    const change = async (key: string, value: string) =>
      (await operator.data(`mutation($key: String!, $value: String!) { changeConfiguration(input: { chargePointId: "CP-HB", key: $key, value: $value }) { status } }`, { key, value }))
        .changeConfiguration.status;
    expect(server.app.config.heartbeatIntervalS).toBe(300);
    expect(await bootInterval()).toBe(300);

    expect(await change('HeartbeatInterval', '60')).toBe('Accepted');
    expect(await bootInterval()).toBe(60);

    // Refused: the charge point keeps its interval, so the CSMS keeps answering it.
    cp.handle('ChangeConfiguration', () => ({ status: 'Rejected' }));
    expect(await change('HeartbeatInterval', '90')).toBe('Rejected');
    expect(await bootInterval()).toBe(60);

    // Keys are case-insensitive; RebootRequired means the change is taken. A value that is no positive integer is not an interval.
    cp.handle('ChangeConfiguration', () => ({ status: 'RebootRequired' }));
    expect(await change('heartbeatinterval', '45')).toBe('RebootRequired');
    expect(await bootInterval()).toBe(45);
    expect(await change('HeartbeatInterval', '0')).toBe('RebootRequired');
    expect(await change('HeartbeatInterval', 'soon')).toBe('RebootRequired');
    expect(await bootInterval()).toBe(45);

    // What GetConfiguration reports is what the charge point uses.
    cp.handle('GetConfiguration', () => ({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '120' }] }));
    await operator.data(`mutation { getConfiguration(input: { chargePointId: "CP-HB" }) { configurationKey { key } } }`);
    expect(await bootInterval()).toBe(120);
  });

  it('remoteStartTransaction sends DateTimes as ISO strings and leaves out what was not given', async () => {
    const start = (
      await operator.data(`mutation {
        remoteStartTransaction(input: { chargePointId: "CP-CMD", idTag: "TAG-1", chargingProfile: {
          chargingProfileId: 7, stackLevel: 0, chargingProfilePurpose: TxProfile, chargingProfileKind: Absolute,
          validFrom: "2030-01-01T01:00:00+01:00",
          chargingSchedule: { chargingRateUnit: A, chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] } } }) { status }
      }`)
    ).remoteStartTransaction;
    expect(start.status).toBe('Accepted');
    expect(received.RemoteStartTransaction.at(-1)).toEqual({
      idTag: 'TAG-1',
      chargingProfile: {
        chargingProfileId: 7,
        stackLevel: 0,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Absolute',
        validFrom: '2030-01-01T00:00:00.000Z',
        chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
      },
    });
  });

  it('passes an unknown transactionId through to the charge point', async () => {
    const stop = (await operator.data(`mutation { remoteStopTransaction(input: { chargePointId: "CP-CMD", transactionId: 987654 }) { status } }`)).remoteStopTransaction;
    expect(stop.status).toBe('Rejected');
    expect(received.RemoteStopTransaction.at(-1)).toEqual({ transactionId: 987654 });
  });

  it('unlockConnector, triggerMessage, dataTransfer, clearCache, changeAvailability', async () => {
    expect((await operator.data(`mutation { unlockConnector(input: { chargePointId: "CP-CMD", connectorId: 1 }) { status } }`)).unlockConnector.status).toBe('NotSupported');
    expect((await operator.data(`mutation { triggerMessage(input: { chargePointId: "CP-CMD", requestedMessage: StatusNotification, connectorId: 1 }) { status } }`)).triggerMessage.status).toBe('Accepted');
    expect(received.TriggerMessage.at(-1)).toEqual({ requestedMessage: 'StatusNotification', connectorId: 1 });
    const transfer = (await operator.data(`mutation { dataTransfer(input: { chargePointId: "CP-CMD", vendorId: "com.example", messageId: "ping", data: "1" }) { messageId status data ${COMMAND} } }`)).dataTransfer;
    expect(transfer).toMatchObject({ status: 'Accepted', data: 'pong:1' });
    // The payload's messageId is the OCPP call's uniqueId; the DataTransfer messageId travels in the request.
    expect(transfer.messageId).toBe(transfer.command.messageId);
    expect(received.DataTransfer.at(-1)).toEqual({ vendorId: 'com.example', messageId: 'ping', data: '1' });
    expect((await operator.data(`mutation { clearCache(input: { chargePointId: "CP-CMD" }) { status } }`)).clearCache.status).toBe('Accepted');
    expect((await operator.data(`mutation { changeAvailability(input: { chargePointId: "CP-CMD", connectorId: 0, type: Inoperative }) { status } }`)).changeAvailability.status).toBe('Scheduled');
    const { commands } = await operator.data(`{ commands(filter: { chargePointId: "CP-CMD", status: COMPLETED }, first: 3) { edges { node { action } } } }`);
    expect(commands.edges.map((e: any) => e.node).map((c: any) => c.action)).toEqual(['ChangeAvailability', 'ClearCache', 'DataTransfer']);
  });

  it('refuses a request the OCPP schema refuses with BAD_USER_INPUT', async () => {
    const long = 'x'.repeat(51);
    expect(await operator.errorCode(`mutation($k: String!) { changeConfiguration(input: { chargePointId: "CP-CMD", key: $k, value: "1" }) { status } }`, { k: long })).toBe('BAD_USER_INPUT');
  });

  it('answers OCPP_CALL_ERROR with the charge point error code', async () => {
    const result = await operator.request(`mutation { getLocalListVersion(input: { chargePointId: "CP-CMD" }) { listVersion } }`);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'OCPP_CALL_ERROR', ocppErrorCode: 'NotSupported' });
    const { command } = await operator.data(`query($id: ID!) { command(id: $id) { status errorCode ocppErrorCode } }`, { id: result.errors?.[0].extensions?.commandId });
    expect(command).toEqual({ status: 'FAILED', errorCode: 'OCPP_CALL_ERROR', ocppErrorCode: 'NotSupported' });
  });

  it('answers CHARGE_POINT_OFFLINE and CHARGE_POINT_TIMEOUT', async () => {
    await tenant.chargePoint('CP-AWAY');
    expect(await operator.errorCode(`mutation { reset(input: { chargePointId: "CP-AWAY", type: Soft }) { status } }`)).toBe('CHARGE_POINT_OFFLINE');
    await tenant.chargePoint('CP-SILENT');
    const silent = await chargePoint('CP-SILENT');
    silent.handle('ClearCache', () => new Promise(() => undefined));
    expect(await operator.errorCode(`mutation { clearCache(input: { chargePointId: "CP-SILENT" }) { status } }`)).toBe('CHARGE_POINT_TIMEOUT');
  });

  it('times a command queued behind a silent one from when it was asked, and does not send it late', async () => {
    await tenant.chargePoint('CP-SILENT-2');
    const silent = await chargePoint('CP-SILENT-2');
    const sent: string[] = [];
    silent.handle('ClearCache', () => (sent.push('ClearCache'), new Promise(() => undefined)));
    silent.handle('UnlockConnector', () => (sent.push('UnlockConnector'), { status: 'Unlocked' }));
    const first = operator.errorCode(`mutation { clearCache(input: { chargePointId: "CP-SILENT-2" }) { status } }`);
    await waitFor(() => sent.length === 1);
    // Queued behind the silent ClearCache with a shorter wait of its own: it times out while still queued.
    const shortWaitMs = 1000;
    const asked = Date.now();
    const second = await server.app.cluster
      .call(tenant.tenantId, 'CP-SILENT-2', 'UnlockConnector', { connectorId: 1 }, shortWaitMs)
      .then(() => 'answered', (error: Error) => error)
      .then((outcome) => ({ outcome, after: Date.now() - asked }));
    expect(second.outcome).toBeInstanceOf(ChargePointTimeoutError);
    // It waited its own timeout, not the first one's as well (before, its clock started only once the first gave up) ...
    expect(second.after).toBeLessThan(1.5 * shortWaitMs);
    expect(await first).toBe('CHARGE_POINT_TIMEOUT');
    // ... and was never sent: the charge point must not act on a command its caller was told timed out.
    await new Promise((r) => setTimeout(r, 200));
    expect(sent).toEqual(['ClearCache']);
  });

  it('sends nothing to a Rejected charge point: CONFLICT in place, a scheduled command waits until it is accepted', async () => {
    await tenant.owner.data(`mutation { createChargePoint(input: { id: "CP-REJ", registrationStatus: Rejected }) { chargePoint { id } } }`);
    const cp = await chargePoint('CP-REJ');
    const resets: string[] = [];
    cp.handle('Reset', () => (resets.push('Reset'), { status: 'Accepted' }));
    expect((await cp.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' })).status).toBe('Rejected');
    expect(await operator.errorCode(`mutation { reset(input: { chargePointId: "CP-REJ", type: Soft }) { status } }`)).toBe('CONFLICT');
    const { reset } = await operator.data(`mutation { reset(input: { chargePointId: "CP-REJ", type: Soft, schedule: {} }) { command { id } } }`);
    const COMMAND_STATUS = `query($id: ID!) { command(id: $id) { status errorCode } }`;
    await eventually(async () => (await operator.data(COMMAND_STATUS, { id: reset.command.id })).command.errorCode === 'CONFLICT');
    expect((await operator.data(COMMAND_STATUS, { id: reset.command.id })).command.status).toBe('QUEUED');
    expect(resets).toEqual([]);
    await tenant.owner.data(`mutation { updateChargePoint(input: { id: "CP-REJ", registrationStatus: Accepted }) { chargePoint { id } } }`);
    await eventually(async () => (await operator.data(COMMAND_STATUS, { id: reset.command.id })).command.status === 'COMPLETED', 20_000);
    expect(resets).toEqual(['Reset']);
  });

  it('queues a scheduled command without waiting for the charge point', async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const queued = (await operator.data(`mutation($at: DateTime) { reset(input: { chargePointId: "CP-CMD", type: Soft, schedule: { at: $at } }) { messageId status command { id status scheduledAt } } }`, { at })).reset;
    expect(queued).toMatchObject({ messageId: null, status: null, command: { status: 'QUEUED', scheduledAt: at } });
  });

  it('rotates the charge point password; the new one works and the stored request hides it', async () => {
    await tenant.chargePoint('CP-ROT', 'initial-password-123');
    const cp = await chargePoint('CP-ROT', 'initial-password-123');
    const rotate = (await operator.data(`mutation { rotateChargePointPassword(input: { chargePointId: "CP-ROT" }) { messageId status password ${COMMAND} } }`)).rotateChargePointPassword;
    expect(rotate.status).toBe('Accepted');
    expect(rotate.password).toMatch(/^[0-9a-f]{40}$/);
    expect(received.ChangeConfiguration.at(-1)).toEqual({ key: 'AuthorizationKey', value: Buffer.from(rotate.password).toString('hex') });
    expect(rotate.command.request).toEqual({ key: 'AuthorizationKey', value: '[redacted]' });
    expect(JSON.stringify((await operator.data(`query($id: ID!) { command(id: $id) { request } }`, { id: rotate.command.id })).command)).not.toContain(Buffer.from(rotate.password).toString('hex'));
    await cp.close({ force: true });
    await expect(connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-ROT', password: 'initial-password-123' })).rejects.toThrow();
    const again = await chargePoint('CP-ROT', rotate.password);
    expect((await again.call('Heartbeat', {})).currentTime).toBeDefined();

    // A rejected rotation keeps the old password.
    again.handle('ChangeConfiguration', () => ({ status: 'Rejected' }));
    const refused = (await operator.data(`mutation { rotateChargePointPassword(input: { chargePointId: "CP-ROT", password: "another-password-456" }) { status password } }`)).rotateChargePointPassword;
    expect(refused).toEqual({ status: 'Rejected', password: null });
    await again.close({ force: true });
    await chargePoint('CP-ROT', rotate.password);
    expect(await operator.errorCode(`mutation { rotateChargePointPassword(input: { chargePointId: "CP-ROT", password: "short" }) { status } }`)).toBe('BAD_USER_INPUT');
  });
});

describe('another tenant', () => {
  it('answers NOT_FOUND for its charge points, transactions and commands, exactly like a missing id', async () => {
    const other = await apiTenant(server);
    await other.chargePoint('CP-OTHER');
    const { reset } = await operator.data(`mutation { reset(input: { chargePointId: "CP-CMD", type: Soft }) { command { id } } }`);
    const stranger = other.owner;
    expect(await stranger.errorCode(`{ chargePoint(id: "CP-CMD") { id } }`)).toBe('NOT_FOUND');
    expect(await stranger.errorCode(`{ chargePoint(id: "CP-NEVER") { id } }`)).toBe('NOT_FOUND');
    expect(await stranger.errorCode(`query($id: ID!) { command(id: $id) { id } }`, { id: reset.command.id })).toBe('NOT_FOUND');
    expect(await stranger.errorCode(`mutation { reset(input: { chargePointId: "CP-CMD", type: Soft }) { status } }`)).toBe('NOT_FOUND');
    expect(await stranger.errorCode(`mutation { rotateChargePointPassword(input: { chargePointId: "CP-CMD" }) { status } }`)).toBe('NOT_FOUND');
    expect(await stranger.errorCode(`mutation { updateChargePoint(input: { id: "CP-CMD", registrationStatus: Rejected }) { chargePoint { id } } }`)).toBe('NOT_FOUND');
    expect(await stranger.errorCode(`mutation { deleteChargePoint(input: { id: "CP-CMD" }) { deleted } }`)).toBe('NOT_FOUND');
    expect((await stranger.data(`{ commands { edges { node { id } } } }`)).commands.edges.map((e: any) => e.node)).toEqual([]);
    expect((await stranger.data(`{ chargePoints { totalCount edges { node { id } } } }`)).chargePoints).toEqual({ totalCount: 1, edges: [{ node: { id: 'CP-OTHER' } }] });
    // The owner still sees its charge point untouched.
    expect((await tenant.owner.data(`{ chargePoint(id: "CP-CMD") { registrationStatus } }`)).chargePoint.registrationStatus).toBe('Accepted');
  });
});
