/**
 * The OCA compliance test tool (OCTT) cases for an OCPP 1.6-J CSMS (see shared/OCTT-16-CSMS-CASES.md),
 * played against the real server through the contract only: the charge point is an ocpp-rpc client in
 * strict mode, every CSMS-initiated call is made through the GraphQL API over HTTP, and what the CSMS
 * keeps is read back through GraphQL queries. Where SteVe weakened a case (TC_028, TC_031, TC_047) the
 * specification's version is played.
 */
import WebSocket from 'ws';
import { createRPCError } from 'ocpp-rpc';
import { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { apiTenant, graphqlClient, type GraphQLClient } from './support/graphql-client';
import { connectChargePoint, eventually, startTestServer } from './support/harness';
import { makeCsr } from './support/certificates';

const BOOT = { chargePointVendor: 'OCTT', chargePointModel: 'OCTT-16', chargePointSerialNumber: 'OCTT-SN' };
const CALL_TIMEOUT_MS = '2000';

let server: RunningServer;
let tenant: Awaited<ReturnType<typeof apiTenant>>;
let api: GraphQLClient;
const clients: RPCClient[] = [];
/** The stations of the running case, checked for unsolicited CALLs at its end. */
let stations: Station[] = [];

beforeAll(async () => {
  server = await startTestServer({ OCPP_CALL_TIMEOUT_MS: CALL_TIMEOUT_MS });
  tenant = await apiTenant(server);
  api = graphqlClient(server, await tenant.keyFor('OPERATOR'));
});

afterEach(async () => {
  stations = [];
  await Promise.all(clients.splice(0).map((c) => c.close({ force: true }).catch(() => undefined)));
});

afterAll(async () => {
  await server.stop();
});

// ---------------------------------------------------------------- the charge point (OCTT's side)

type Answers = Record<string, (params: any) => any>;

interface Station {
  id: string;
  /** The station's valid id tag (OCTT's REGISTERED_OCPP_TAG), one per case so no case sees another's ConcurrentTx. */
  idTag: string;
  cp: RPCClient;
  answers: Answers;
  /** What the CSMS sent, by action. */
  received: Record<string, any[]>;
  /** CALLs the case did not expect (or that broke the OCPP schema). */
  unexpected: string[];
}

function attach(station: Omit<Station, 'cp'>, cp: RPCClient): void {
  for (const [action, answer] of Object.entries(station.answers)) {
    cp.handle(action, ({ params }: { params: any }) => {
      (station.received[action] ??= []).push(params);
      return answer(params);
    });
  }
  cp.handle(({ method, params }: { method: string; params: unknown }) => {
    station.unexpected.push(`${method} ${JSON.stringify(params)}`);
    throw createRPCError('NotImplemented', `OCTT did not expect ${method}`);
  });
  cp.on('strictValidationFailure', ({ method, isCall, outbound }: { method: string; isCall: boolean; outbound: boolean }) => {
    if (!outbound) station.unexpected.push(`schema violation in ${isCall ? 'CALL' : 'answer to'} ${method}`);
  });
}

async function connect(station: Omit<Station, 'cp'>, password?: string): Promise<RPCClient> {
  const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: station.id, password });
  clients.push(cp);
  attach(station, cp);
  return cp;
}

/**
 * The OCTT station of one case: created through the API (with connectors 0, 1 and 2), with its own valid
 * id tag, connected, and unless told otherwise booted with every connector Available.
 */
async function station(tc: string, answers: Answers = {}, options: { password?: string; boot?: boolean; created?: boolean } = {}): Promise<Station> {
  const id = `OCTT-${tc}`;
  const idTag = `TAG-${tc}`;
  if (!options.created) await tenant.chargePoint(id, options.password);
  await idTagRecord(idTag);
  const partial = { id, idTag, answers, received: {}, unexpected: [] };
  const s: Station = { ...partial, cp: await connect(partial, options.password) };
  stations.push(s);
  if (options.boot !== false) await boot(s);
  return s;
}

async function boot(s: Station): Promise<void> {
  const answer = await s.cp.call('BootNotification', BOOT);
  expect(answer.status).toBe('Accepted');
  expect(Math.abs(Date.parse(answer.currentTime) - Date.now())).toBeLessThan(10_000);
  expect(Number.isInteger(answer.interval) && answer.interval > 0).toBe(true);
  for (const connectorId of [0, 1, 2]) await status(s, connectorId, 'Available');
}

async function status(s: Station, connectorId: number, state: string, extra: Record<string, unknown> = {}): Promise<void> {
  expect(await s.cp.call('StatusNotification', { connectorId, status: state, errorCode: 'NoError', ...extra })).toEqual({});
}

async function authorize(s: Station, idTag: string): Promise<Record<string, unknown>> {
  const answer = await s.cp.call('Authorize', { idTag });
  expect(answer.idTagInfo).toBeDefined();
  return answer.idTagInfo;
}

async function startTransaction(s: Station, fields: Record<string, unknown> = {}): Promise<{ transactionId: number; idTagInfo: any }> {
  const answer = await s.cp.call<{ transactionId: number; idTagInfo: any }>('StartTransaction', { connectorId: 1, idTag: s.idTag, meterStart: 0, timestamp: new Date().toISOString(), ...fields });
  expect(Number.isInteger(answer.transactionId)).toBe(true);
  expect(answer.transactionId).toBeGreaterThan(0);
  expect(answer.idTagInfo?.status).toBeDefined();
  return answer;
}

/** OCTT's "charging state" on connector 1: Preparing, Authorize, StartTransaction, Charging. */
async function charging(s: Station): Promise<number> {
  await status(s, 1, 'Preparing');
  expect((await authorize(s, s.idTag)).status).toBe('Accepted');
  const start = await startTransaction(s);
  expect(start.idTagInfo.status).toBe('Accepted');
  await status(s, 1, 'Charging');
  return start.transactionId;
}

/** OCTT's "identification first" start on connector 1: Authorize, Preparing, StartTransaction, Charging. */
async function identificationFirst(s: Station, fields: Record<string, unknown> = {}): Promise<number> {
  expect((await authorize(s, s.idTag)).status).toBe('Accepted');
  await status(s, 1, 'Preparing');
  const start = await startTransaction(s, fields);
  expect(start.idTagInfo.status).toBe('Accepted');
  await status(s, 1, 'Charging');
  return start.transactionId;
}

async function stopTransaction(s: Station, transactionId: number, fields: Record<string, unknown>): Promise<any> {
  return s.cp.call('StopTransaction', { transactionId, meterStop: 10, timestamp: new Date().toISOString(), ...fields });
}

/** Every case ends with this: nothing reached a station that the case did not ask for. */
async function noUnsolicitedCalls(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (const s of stations) expect({ station: s.id, unexpected: s.unexpected }).toEqual({ station: s.id, unexpected: [] });
}

/** The HTTP outcome of a raw WebSocket upgrade to the OCPP endpoint. */
function handshake(identity: string, options: { protocols: string[]; password?: string }): Promise<{ status: number; protocol?: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> =
      options.password === undefined ? {} : { authorization: `Basic ${Buffer.from(`${identity}:${options.password}`, 'utf8').toString('base64')}` };
    const ws = new WebSocket(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}/${encodeURIComponent(identity)}`, options.protocols, { headers });
    let upgraded: { status: number; protocol?: string } | undefined;
    ws.on('upgrade', (res) => (upgraded = { status: res.statusCode ?? 0, protocol: res.headers['sec-websocket-protocol'] as string | undefined }));
    ws.on('unexpected-response', (req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      req.destroy();
    });
    ws.on('open', () => {
      resolve(upgraded ?? { status: 101, protocol: ws.protocol });
      ws.close();
    });
    ws.on('error', () => resolve(upgraded ?? { status: 0 }));
  });
}

// ---------------------------------------------------------------- the operator's side (GraphQL)

async function idTagRecord(idTag: string, fields: { status?: string; expiryDate?: string; parentIdTag?: string } = {}): Promise<void> {
  await api.data(`mutation($input: UpsertIdTagInput!) { upsertIdTag(input: $input) { idTag { idTag } } }`, { input: { idTag, ...fields } });
}

/** A command mutation that must complete: the charge point answered and the CSMS reports the answer. */
async function send(s: Station, mutation: string, input: Record<string, unknown>, fields = 'status'): Promise<any> {
  const type = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
  const result = await api.request(`mutation($input: ${type}!) { ${mutation}(input: $input) { messageId ${fields} command { id status action } } }`, {
    input: { chargePointId: s.id, ...input },
  });
  if (result.errors?.length) throw new Error(`${mutation}: ${JSON.stringify(result.errors)}`);
  const payload = result.data[mutation];
  expect(typeof payload.messageId).toBe('string');
  expect(payload.command.status).toBe('COMPLETED');
  const { command } = await api.data(`query($id: ID!) { command(id: $id) { status response } }`, { id: payload.command.id });
  expect(command.status).toBe('COMPLETED');
  return payload;
}

const CHARGE_POINT = `query($id: ID!) { chargePoint(id: $id) {
  id connected registrationStatus vendor model serialNumber lastBootAt lastHeartbeatAt
  connectors { connectorId status errorCode timestamp } firmwareStatus diagnosticsStatus localListVersion
  configuration { key value readonly } } }`;
const TX_FIELDS = 'id chargePointId connectorId idTag startStatus startTimestamp stopTimestamp meterStart meterStop energyWh stopReason reservationId active';

async function chargePoint(s: Station): Promise<any> {
  return (await api.data(CHARGE_POINT, { id: s.id })).chargePoint;
}

async function connector(s: Station, connectorId: number): Promise<any> {
  return (await chargePoint(s)).connectors.find((c: any) => c.connectorId === connectorId);
}

async function transaction(id: number): Promise<any> {
  return (await api.data(`query($id: Int!) { transaction(id: $id) { ${TX_FIELDS} } }`, { id })).transaction;
}

async function transactions(s: Station, active?: boolean): Promise<any[]> {
  const { transactions } = await api.data(`query($filter: TransactionFilter) { transactions(filter: $filter) { totalCount edges { node { ${TX_FIELDS} } } } }`, {
    filter: { chargePointId: s.id, ...(active === undefined ? {} : { active }) },
  });
  expect(transactions.totalCount).toBe(transactions.edges.length);
  return transactions.edges.map((e: any) => e.node);
}

async function reservations(s: Station, active?: boolean): Promise<any[]> {
  return (
    await api.data(
      `query($filter: ReservationFilter) { reservations(filter: $filter) { edges { node { id chargePointId connectorId idTag parentIdTag expiryDate status responseStatus transactionId } } } }`,
      { filter: { chargePointId: s.id, ...(active === undefined ? {} : { active }) } },
    )
  ).reservations.edges.map((e: any) => e.node);
}

async function reservation(s: Station, id: number): Promise<any> {
  const found = (await reservations(s)).find((r) => r.id === id);
  expect(found).toBeDefined();
  return found;
}

const PROFILE_FIELDS = `connectorId chargingProfileId transactionId stackLevel chargingProfilePurpose chargingProfileKind validFrom validTo
  chargingSchedule { duration startSchedule chargingRateUnit chargingSchedulePeriod { startPeriod limit numberPhases } minChargingRate }`;

async function chargingProfiles(s: Station): Promise<any[]> {
  return (await api.data(`query($id: ID!) { chargingProfiles(chargePointId: $id) { edges { node { ${PROFILE_FIELDS} } } } }`, { id: s.id })).chargingProfiles.edges.map((e: any) => e.node);
}

async function localList(s: Station): Promise<any> {
  return (
    await api.data(`query($id: ID!) { localAuthorizationList(chargePointId: $id) { chargePointId listVersion entries { idTag idTagInfo { status expiryDate parentIdTag } } } }`, {
      id: s.id,
    })
  ).localAuthorizationList;
}

const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const HOUR = 3600_000;
const sameInstant = (actual: string | null, expected: string) => expect(actual && Date.parse(actual)).toBe(Date.parse(expected));

function schedule(duration: number, limit: number, extra: Record<string, unknown> = {}) {
  return { chargingRateUnit: 'W', duration, startSchedule: at(0), chargingSchedulePeriod: [{ startPeriod: 0, limit, numberPhases: 3 }], ...extra };
}

// ---------------------------------------------------------------- Core profile

describe('Core profile', () => {
  test('TC_001_CSMS cold boot charge point', async () => {
    const s = await station('TC_001', {}, { boot: false });
    const answer = await s.cp.call('BootNotification', BOOT);
    expect(answer.status).toBe('Accepted');
    expect(Math.abs(Date.parse(answer.currentTime) - Date.now())).toBeLessThan(10_000);
    expect(Number.isInteger(answer.interval)).toBe(true);
    expect(answer.interval).toBeGreaterThan(0);
    for (const connectorId of [0, 1, 2]) await status(s, connectorId, 'Available');
    const heartbeat = await s.cp.call('Heartbeat', {});
    expect(Math.abs(Date.parse(heartbeat.currentTime) - Date.now())).toBeLessThan(10_000);

    const cp = await chargePoint(s);
    expect(cp).toMatchObject({ connected: true, registrationStatus: 'Accepted', vendor: 'OCTT', model: 'OCTT-16', serialNumber: 'OCTT-SN' });
    expect(cp.lastBootAt).not.toBeNull();
    // The Heartbeat is recorded with the next last-seen flush (at most a second after its answer).
    sameInstant(await eventually(async () => {
      const { lastHeartbeatAt } = await chargePoint(s);
      return Date.parse(lastHeartbeatAt ?? '') === Date.parse(heartbeat.currentTime) && lastHeartbeatAt;
    }), heartbeat.currentTime);
    expect(cp.connectors.map((c: any) => [c.connectorId, c.status, c.errorCode])).toEqual([
      [0, 'Available', 'NoError'],
      [1, 'Available', 'NoError'],
      [2, 'Available', 'NoError'],
    ]);
    await noUnsolicitedCalls();
  });

  test('TC_003_CSMS regular charging session, plugin first', async () => {
    const s = await station('TC_003');
    await status(s, 1, 'Preparing');
    expect(await authorize(s, s.idTag)).toEqual({ status: 'Accepted' });
    const start = await startTransaction(s, { meterStart: 0 });
    expect(start.idTagInfo.status).toBe('Accepted');
    await status(s, 1, 'Charging');
    expect(await transaction(start.transactionId)).toMatchObject({
      id: start.transactionId,
      chargePointId: s.id,
      connectorId: 1,
      idTag: s.idTag,
      startStatus: 'Accepted',
      meterStart: 0,
      stopTimestamp: null,
      active: true,
    });
    expect((await connector(s, 1)).status).toBe('Charging');
    await noUnsolicitedCalls();
  });

  test('TC_004_1_CSMS regular charging session, identification first', async () => {
    const s = await station('TC_004_1');
    const transactionId = await identificationFirst(s);
    expect(await transaction(transactionId)).toMatchObject({ connectorId: 1, idTag: s.idTag, active: true });
    await noUnsolicitedCalls();
  });

  test('TC_004_2_CSMS identification first, connection timeout', async () => {
    const s = await station('TC_004_2');
    expect((await authorize(s, s.idTag)).status).toBe('Accepted');
    await status(s, 1, 'Preparing', { timestamp: at(0) });
    const later = at(5000);
    await status(s, 1, 'Available', { timestamp: later });
    expect(await transactions(s)).toEqual([]);
    const c1 = await connector(s, 1);
    expect(c1.status).toBe('Available');
    sameInstant(c1.timestamp, later);
    await noUnsolicitedCalls();
  });

  test('TC_005_1_CSMS EV side disconnected: stop transaction and unlock', async () => {
    const s = await station('TC_005_1');
    const transactionId = await charging(s);
    await status(s, 1, 'SuspendedEV');
    const stop = await stopTransaction(s, transactionId, { idTag: s.idTag, meterStop: 10, reason: 'EVDisconnected' });
    expect(stop.idTagInfo).toEqual({ status: 'Accepted' });
    await status(s, 1, 'Finishing');
    await status(s, 1, 'Available');
    expect(await transaction(transactionId)).toMatchObject({ active: false, meterStop: 10, energyWh: 10, stopReason: 'EVDisconnected' });
    expect((await connector(s, 1)).status).toBe('Available');
    await noUnsolicitedCalls();
  });

  test('TC_007_CSMS regular start charging session, cached id', async () => {
    const s = await station('TC_007');
    await status(s, 1, 'Preparing');
    const start = await startTransaction(s);
    expect(start.idTagInfo.status).toBe('Accepted');
    await status(s, 1, 'Charging');
    expect(await transaction(start.transactionId)).toMatchObject({ idTag: s.idTag, startStatus: 'Accepted', active: true });
    await noUnsolicitedCalls();
  });

  test('TC_061_CSMS clear authorization data in authorization cache', async () => {
    const s = await station('TC_061', { ClearCache: () => ({ status: 'Accepted' }) });
    expect((await send(s, 'clearCache', {})).status).toBe('Accepted');
    expect(s.received.ClearCache).toEqual([{}]);
    await noUnsolicitedCalls();
  });

  test('TC_010_CSMS remote start, cable plugged in first', async () => {
    const s = await station('TC_010', { RemoteStartTransaction: () => ({ status: 'Accepted' }) });
    await status(s, 1, 'Preparing');
    expect((await send(s, 'remoteStartTransaction', { connectorId: 1, idTag: s.idTag })).status).toBe('Accepted');
    expect(s.received.RemoteStartTransaction).toEqual([{ connectorId: 1, idTag: s.idTag }]);
    expect((await authorize(s, s.idTag)).status).toBe('Accepted');
    const start = await startTransaction(s);
    expect(start.idTagInfo.status).toBe('Accepted');
    await status(s, 1, 'Charging');
    expect(await transactions(s, true)).toEqual([expect.objectContaining({ id: start.transactionId, connectorId: 1, idTag: s.idTag })]);
    await noUnsolicitedCalls();
  });

  test('TC_011_1_CSMS remote start, remote start first', async () => {
    const s = await station('TC_011_1', { RemoteStartTransaction: () => ({ status: 'Accepted' }) });
    expect((await send(s, 'remoteStartTransaction', { connectorId: 1, idTag: s.idTag })).status).toBe('Accepted');
    expect(s.received.RemoteStartTransaction).toEqual([{ connectorId: 1, idTag: s.idTag }]);
    const transactionId = await identificationFirst(s);
    expect(await transaction(transactionId)).toMatchObject({ connectorId: 1, idTag: s.idTag, active: true });
    await noUnsolicitedCalls();
  });

  test('TC_011_2_CSMS remote start, time out', async () => {
    const s = await station('TC_011_2', { RemoteStartTransaction: () => ({ status: 'Accepted' }) });
    expect((await send(s, 'remoteStartTransaction', { connectorId: 1, idTag: s.idTag })).status).toBe('Accepted');
    expect((await authorize(s, s.idTag)).status).toBe('Accepted');
    await status(s, 1, 'Preparing');
    await status(s, 1, 'Available', { timestamp: at(5000) });
    expect(await transactions(s)).toEqual([]);
    expect((await connector(s, 1)).status).toBe('Available');
    await noUnsolicitedCalls();
  });

  test('TC_012_CSMS remote stop charging session', async () => {
    const s = await station('TC_012', { RemoteStopTransaction: () => ({ status: 'Accepted' }) });
    const transactionId = await charging(s);
    expect((await send(s, 'remoteStopTransaction', { transactionId })).status).toBe('Accepted');
    expect(s.received.RemoteStopTransaction).toEqual([{ transactionId }]);
    // Stopped remotely, so no idTag is sent, and so no idTagInfo comes back.
    const stop = await stopTransaction(s, transactionId, { reason: 'Remote' });
    expect(stop).toEqual({});
    await status(s, 1, 'Finishing');
    await status(s, 1, 'Available');
    expect(await transaction(transactionId)).toMatchObject({ active: false, stopReason: 'Remote', meterStop: 10 });
    await noUnsolicitedCalls();
  });

  test.each([
    ['TC_013_CSMS hard reset', 'TC_013', 'Hard'],
    ['TC_014_CSMS soft reset', 'TC_014', 'Soft'],
  ])('%s', async (_name, tc, type) => {
    const s = await station(tc, { Reset: () => ({ status: 'Accepted' }) });
    const bootedBefore = Date.parse((await chargePoint(s)).lastBootAt);
    expect((await send(s, 'reset', { type })).status).toBe('Accepted');
    expect(s.received.Reset).toEqual([{ type }]);
    // The station reboots and boots again on the same connection.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await boot(s);
    const cp = await chargePoint(s);
    expect(cp.connected).toBe(true);
    expect(Date.parse(cp.lastBootAt)).toBeGreaterThan(bootedBefore);
    expect(cp.connectors.map((c: any) => c.status)).toEqual(['Available', 'Available', 'Available']);
    await noUnsolicitedCalls();
  });

  test.each([
    ['TC_017_1_CSMS unlock connector, no charging session running (not fixed cable)', 'TC_017_1', 'Unlocked'],
    ['TC_017_2_CSMS unlock connector, no charging session running (fixed cable)', 'TC_017_2', 'NotSupported'],
    ['TC_030_CSMS unlock connector, unlock failure', 'TC_030', 'UnlockFailed'],
  ])('%s', async (_name, tc, answer) => {
    const s = await station(tc, { UnlockConnector: () => ({ status: answer }) });
    expect((await send(s, 'unlockConnector', { connectorId: 1 })).status).toBe(answer);
    expect(s.received.UnlockConnector).toEqual([{ connectorId: 1 }]);
    await noUnsolicitedCalls();
  });

  test('TC_018_1_CSMS unlock connector with charging session', async () => {
    const s = await station('TC_018_1', { UnlockConnector: () => ({ status: 'Unlocked' }) });
    const transactionId = await charging(s);
    expect((await send(s, 'unlockConnector', { connectorId: 1 })).status).toBe('Unlocked');
    expect(s.received.UnlockConnector).toEqual([{ connectorId: 1 }]);
    await status(s, 1, 'Finishing');
    const stop = await stopTransaction(s, transactionId, { reason: 'UnlockCommand' });
    expect(stop.idTagInfo).toBeUndefined();
    await status(s, 1, 'Available');
    expect(await transaction(transactionId)).toMatchObject({ active: false, stopReason: 'UnlockCommand' });
    await noUnsolicitedCalls();
  });

  test('TC_019_1_CSMS retrieve all configuration keys', async () => {
    const keys: Array<[string, boolean, string]> = [
      ['AuthorizeRemoteTxRequests', false, 'true'],
      ['ClockAlignedDataInterval', false, '0'],
      ['ConnectionTimeOut', false, '60'],
      ['ConnectorPhaseRotation', false, '0.RST,1.RST,2.RST'],
      ['GetConfigurationMaxKeys', true, '50'],
      ['HeartbeatInterval', false, '300'],
      ['LocalAuthorizeOffline', false, 'true'],
      ['LocalPreAuthorize', false, 'false'],
      ['MeterValuesAlignedData', false, 'Energy.Active.Import.Register'],
      ['MeterValuesSampledData', false, 'Energy.Active.Import.Register'],
      ['MeterValueSampleInterval', false, '60'],
      ['NumberOfConnectors', true, '2'],
      ['ResetRetries', false, '3'],
      ['StopTransactionOnEVSideDisconnect', false, 'true'],
      ['StopTransactionOnInvalidId', false, 'true'],
      ['StopTxnAlignedData', false, ''],
      ['StopTxnSampledData', false, ''],
      ['SupportedFeatureProfiles', true, 'Core,FirmwareManagement,LocalAuthListManagement,Reservation,SmartCharging,RemoteTrigger'],
      ['TransactionMessageAttempts', false, '3'],
      ['TransactionMessageRetryInterval', false, '60'],
      ['UnlockConnectorOnEVSideDisconnect', false, 'true'],
      ['LocalAuthListEnabled', false, 'true'],
      ['LocalAuthListMaxLength', true, '100'],
      ['SendLocalListMaxLength', true, '100'],
      ['ChargeProfileMaxStackLevel', true, '10'],
      ['ChargingScheduleAllowedChargingRateUnit', true, 'Current,Power'],
      ['ChargingScheduleMaxPeriods', true, '24'],
      ['MaxChargingProfilesInstalled', true, '10'],
    ];
    expect(keys).toHaveLength(28);
    const configurationKey = keys.map(([key, readonly, value]) => ({ key, readonly, value }));
    const s = await station('TC_019_1', { GetConfiguration: () => ({ configurationKey, unknownKey: [] }) });
    const payload = await send(s, 'getConfiguration', {}, 'configurationKey { key readonly value } unknownKey');
    // An empty (or absent) key list asks for every key.
    expect(s.received.GetConfiguration).toHaveLength(1);
    expect(s.received.GetConfiguration[0].key ?? []).toEqual([]);
    expect(payload.configurationKey).toEqual(configurationKey);
    expect(payload.unknownKey).toEqual([]);
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect([...(await chargePoint(s)).configuration].sort(byKey)).toEqual([...configurationKey].sort(byKey));
    await noUnsolicitedCalls();
  });

  test('TC_019_2_CSMS retrieve specific configuration key', async () => {
    const s = await station('TC_019_2', {
      GetConfiguration: () => ({ configurationKey: [{ key: 'SupportedFeatureProfiles', readonly: true, value: 'Core,FirmwareManagement' }] }),
    });
    const payload = await send(s, 'getConfiguration', { key: ['SupportedFeatureProfiles'] }, 'configurationKey { key readonly value } unknownKey');
    expect(s.received.GetConfiguration).toEqual([{ key: ['SupportedFeatureProfiles'] }]);
    expect(payload.configurationKey).toEqual([{ key: 'SupportedFeatureProfiles', readonly: true, value: 'Core,FirmwareManagement' }]);
    expect(payload.unknownKey ?? []).toEqual([]);
    expect((await chargePoint(s)).configuration).toEqual([{ key: 'SupportedFeatureProfiles', readonly: true, value: 'Core,FirmwareManagement' }]);
    await noUnsolicitedCalls();
  });

  test('TC_021_CSMS change/set configuration', async () => {
    const s = await station('TC_021', { ChangeConfiguration: () => ({ status: 'Accepted' }) });
    expect((await send(s, 'changeConfiguration', { key: 'MeterValueSampleInterval', value: '60' })).status).toBe('Accepted');
    expect(s.received.ChangeConfiguration).toEqual([{ key: 'MeterValueSampleInterval', value: '60' }]);
    expect((await chargePoint(s)).configuration).toEqual([{ key: 'MeterValueSampleInterval', value: '60', readonly: false }]);
    await noUnsolicitedCalls();
  });

  test('TC_023_1_CSMS start charging session, authorize invalid', async () => {
    const s = await station('TC_023_1');
    expect((await authorize(s, 'INVALID_TAG')).status).toBe('Invalid');
    await noUnsolicitedCalls();
  });

  test('TC_023_2_CSMS start charging session, authorize expired', async () => {
    const s = await station('TC_023_2');
    await idTagRecord('EXPIRED-TC_023_2', { status: 'Accepted', expiryDate: at(-HOUR) });
    expect((await authorize(s, 'EXPIRED-TC_023_2')).status).toBe('Expired');
    await noUnsolicitedCalls();
  });

  test('TC_023_3_CSMS start charging session, authorize blocked', async () => {
    const s = await station('TC_023_3');
    await idTagRecord('BLOCKED-TC_023_3', { status: 'Blocked' });
    expect((await authorize(s, 'BLOCKED-TC_023_3')).status).toBe('Blocked');
    await noUnsolicitedCalls();
  });

  test('TC_024_CSMS start charging session, lock failure', async () => {
    const s = await station('TC_024');
    expect((await authorize(s, s.idTag)).status).toBe('Accepted');
    await status(s, 1, 'Preparing');
    expect(await s.cp.call('StatusNotification', { connectorId: 1, status: 'Faulted', errorCode: 'ConnectorLockFailure' })).toEqual({});
    expect(await connector(s, 1)).toMatchObject({ status: 'Faulted', errorCode: 'ConnectorLockFailure' });
    expect(await transactions(s)).toEqual([]);
    await noUnsolicitedCalls();
  });

  test('TC_026_CSMS remote start charging session, rejected', async () => {
    const s = await station('TC_026', { RemoteStartTransaction: () => ({ status: 'Rejected' }) });
    expect((await send(s, 'remoteStartTransaction', { connectorId: 1, idTag: s.idTag })).status).toBe('Rejected');
    expect(s.received.RemoteStartTransaction).toEqual([{ connectorId: 1, idTag: s.idTag }]);
    expect(await transactions(s)).toEqual([]);
    await noUnsolicitedCalls();
  });

  test('TC_028_CSMS remote stop charging session, rejected (unknown transactionId)', async () => {
    const s = await station('TC_028', { RemoteStopTransaction: () => ({ status: 'Rejected' }) });
    const transactionId = await charging(s);
    const unknown = transactionId + 1_000_000;
    expect((await send(s, 'remoteStopTransaction', { transactionId: unknown })).status).toBe('Rejected');
    expect(s.received.RemoteStopTransaction).toEqual([{ transactionId: unknown }]);
    expect(await transaction(transactionId)).toMatchObject({ active: true, stopTimestamp: null });
    await noUnsolicitedCalls();
  });

  test('TC_031_CSMS unlock connector, unknown connector', async () => {
    const s = await station('TC_031', { UnlockConnector: () => ({ status: 'NotSupported' }) });
    expect((await send(s, 'unlockConnector', { connectorId: 9 })).status).toBe('NotSupported');
    expect(s.received.UnlockConnector).toEqual([{ connectorId: 9 }]);
    await noUnsolicitedCalls();
  });

  test('TC_032_1_CSMS power failure boot charging point, stop transaction(s)', async () => {
    const s = await station('TC_032_1');
    const transactionId = await charging(s);
    // Power failure: the socket drops, the station comes back on a new connection.
    await s.cp.close({ force: true });
    s.cp = await connect(s);
    expect((await s.cp.call('BootNotification', BOOT)).status).toBe('Accepted');
    await status(s, 0, 'Available');
    await status(s, 1, 'Finishing');
    await status(s, 2, 'Available');
    const stop = await stopTransaction(s, transactionId, { reason: 'PowerLoss' });
    expect(stop.idTagInfo).toBeUndefined();
    expect(await transaction(transactionId)).toMatchObject({ active: false, stopReason: 'PowerLoss', meterStop: 10 });
    expect((await chargePoint(s)).connected).toBe(true);
    await noUnsolicitedCalls();
  });

  test('TC_037_1_CSMS offline start transaction, valid idTag', async () => {
    const s = await station('TC_037_1');
    const started = at(-4 * HOUR);
    const start = await startTransaction(s, { timestamp: started });
    expect(start.idTagInfo.status).toBe('Accepted');
    await status(s, 1, 'Charging', { timestamp: started });
    const tx = await transaction(start.transactionId);
    expect(tx).toMatchObject({ active: true, startStatus: 'Accepted' });
    sameInstant(tx.startTimestamp, started);
    const c1 = await connector(s, 1);
    expect(c1.status).toBe('Charging');
    sameInstant(c1.timestamp, started);
    await noUnsolicitedCalls();
  });

  test('TC_037_3_CSMS offline start transaction, invalid idTag, StopTransactionOnInvalidId = true', async () => {
    const s = await station('TC_037_3');
    const started = at(-4 * HOUR);
    const start = await startTransaction(s, { idTag: 'UNKNOWN-TC_037_3', timestamp: started });
    expect(start.idTagInfo.status).toBe('Invalid');
    await status(s, 1, 'Charging', { timestamp: started });
    const tx = await transaction(start.transactionId);
    // Recorded, but REFUSED: a start answered other than Accepted is never an active session (contract).
    expect(tx).toMatchObject({ idTag: 'UNKNOWN-TC_037_3', startStatus: 'Invalid', active: false });
    sameInstant(tx.startTimestamp, started);
    const stop = await stopTransaction(s, start.transactionId, { idTag: 'UNKNOWN-TC_037_3', reason: 'DeAuthorized' });
    expect(stop.idTagInfo?.status).toBe('Invalid');
    await status(s, 1, 'Finishing');
    expect(await transaction(start.transactionId)).toMatchObject({ active: false, stopReason: 'DeAuthorized' });
    await noUnsolicitedCalls();
  });

  test('TC_039_CSMS offline transaction', async () => {
    const s = await station('TC_039');
    const started = at(-4 * HOUR);
    const stopped = at(-3 * HOUR);
    const start = await startTransaction(s, { timestamp: started, meterStart: 100 });
    expect(start.idTagInfo.status).toBe('Accepted');
    const stop = await stopTransaction(s, start.transactionId, { idTag: s.idTag, meterStop: 5100, timestamp: stopped, reason: 'Local' });
    expect(stop.idTagInfo).toEqual({ status: 'Accepted' });
    const tx = await transaction(start.transactionId);
    expect(tx).toMatchObject({ active: false, meterStart: 100, meterStop: 5100, energyWh: 5000, stopReason: 'Local' });
    sameInstant(tx.startTimestamp, started);
    sameInstant(tx.stopTimestamp, stopped);
    await noUnsolicitedCalls();
  });

  test('TC_040_1_CSMS configuration keys, NotSupported (unknown key)', async () => {
    const s = await station('TC_040_1', { ChangeConfiguration: () => ({ status: 'NotSupported' }) });
    const key = `OcttUnknownKey${Math.floor(Math.random() * 1e6)}`;
    expect((await send(s, 'changeConfiguration', { key, value: '123' })).status).toBe('NotSupported');
    expect(s.received.ChangeConfiguration).toEqual([{ key, value: '123' }]);
    expect((await chargePoint(s)).configuration).toEqual([]);
    await noUnsolicitedCalls();
  });

  test('TC_040_2_CSMS configuration keys, invalid value', async () => {
    const s = await station('TC_040_2', { ChangeConfiguration: () => ({ status: 'Rejected' }) });
    expect((await send(s, 'changeConfiguration', { key: 'MeterValueSampleInterval', value: 'INVALID_VALUE' })).status).toBe('Rejected');
    expect(s.received.ChangeConfiguration).toEqual([{ key: 'MeterValueSampleInterval', value: 'INVALID_VALUE' }]);
    expect((await chargePoint(s)).configuration).toEqual([]);
    await noUnsolicitedCalls();
  });

  test('TC_064_CSMS data transfer to the central system', async () => {
    const s = await station('TC_064');
    const answer = await s.cp.call('DataTransfer', { vendorId: 'specific-vendor-id', messageId: 'specific-message-id', data: 'octt data' });
    expect(['Rejected', 'UnknownMessageId', 'UnknownVendorId']).toContain(answer.status);
    await noUnsolicitedCalls();
  });
});

// ---------------------------------------------------------------- Firmware Management profile

describe('Firmware Management profile', () => {
  const FW_LOCATION = 'ftp://octt.example/firmware/fw-1.0.bin';

  async function updateFirmware(s: Station): Promise<void> {
    const retrieveDate = at(0);
    await send(s, 'updateFirmware', { location: FW_LOCATION, retrieveDate, retries: 1, retryInterval: 1 }, '');
    expect(s.received.UpdateFirmware).toHaveLength(1);
    expect(s.received.UpdateFirmware[0]).toMatchObject({ location: FW_LOCATION, retries: 1, retryInterval: 1 });
    sameInstant(s.received.UpdateFirmware[0].retrieveDate, retrieveDate);
  }

  async function firmwareStatus(s: Station, state: string): Promise<void> {
    expect(await s.cp.call('FirmwareStatusNotification', { status: state })).toEqual({});
    expect((await chargePoint(s)).firmwareStatus).toBe(state);
  }

  async function allConnectors(s: Station, state: string): Promise<void> {
    for (const connectorId of [0, 1, 2]) await status(s, connectorId, state);
  }

  test.each([
    ['TC_044_1_CSMS firmware update, download and install', 'TC_044_1', 'Installed'],
    ['TC_044_3_CSMS firmware update, installation failed', 'TC_044_3', 'InstallationFailed'],
  ])('%s', async (_name, tc, last) => {
    const s = await station(tc, { UpdateFirmware: () => ({}) });
    await updateFirmware(s);
    await firmwareStatus(s, 'Downloading');
    await firmwareStatus(s, 'Downloaded');
    await allConnectors(s, 'Unavailable');
    await firmwareStatus(s, 'Installing');
    await boot(s);
    await firmwareStatus(s, last);
    const cp = await chargePoint(s);
    expect(cp.connectors.map((c: any) => c.status)).toEqual(['Available', 'Available', 'Available']);
    expect(cp.firmwareStatus).toBe(last);
    await noUnsolicitedCalls();
  });

  test('TC_044_2_CSMS firmware update, download failed', async () => {
    const s = await station('TC_044_2', { UpdateFirmware: () => ({}) });
    await updateFirmware(s);
    await firmwareStatus(s, 'Downloading');
    await firmwareStatus(s, 'DownloadFailed');
    await noUnsolicitedCalls();
  });

  test.each([
    ['TC_045_1_CSMS get diagnostics', 'TC_045_1', 'Uploaded'],
    ['TC_045_2_CSMS get diagnostics, upload failed', 'TC_045_2', 'UploadFailed'],
  ])('%s', async (_name, tc, last) => {
    const s = await station(tc, { GetDiagnostics: () => ({ fileName: 'diag.log' }) });
    const input = { location: 'ftp://octt.example/diagnostics/', retries: 1, retryInterval: 1, startTime: at(-HOUR), stopTime: at(0) };
    const payload = await send(s, 'getDiagnostics', input, 'fileName location');
    expect(payload).toMatchObject({ fileName: 'diag.log', location: input.location });
    expect(s.received.GetDiagnostics).toHaveLength(1);
    expect(s.received.GetDiagnostics[0]).toMatchObject({ location: input.location, retries: 1, retryInterval: 1 });
    sameInstant(s.received.GetDiagnostics[0].startTime, input.startTime);
    sameInstant(s.received.GetDiagnostics[0].stopTime, input.stopTime);
    for (const state of ['Uploading', last]) {
      expect(await s.cp.call('DiagnosticsStatusNotification', { status: state })).toEqual({});
      expect((await chargePoint(s)).diagnosticsStatus).toBe(state);
    }
    await noUnsolicitedCalls();
  });
});

// ---------------------------------------------------------------- Local Auth List Management profile

describe('Local Auth List Management profile', () => {
  test.each([
    ['TC_042_1_CSMS get local list version, not supported', 'TC_042_1', -1],
    ['TC_042_2_CSMS get local list version, empty', 'TC_042_2', 0],
  ])('%s', async (_name, tc, listVersion) => {
    const s = await station(tc, { GetLocalListVersion: () => ({ listVersion }) });
    expect((await send(s, 'getLocalListVersion', {}, 'listVersion')).listVersion).toBe(listVersion);
    expect(s.received.GetLocalListVersion).toEqual([{}]);
    await noUnsolicitedCalls();
  });

  test.each([
    ['TC_043_1_CSMS send local authorization list, NotSupported', 'TC_043_1', 'NotSupported'],
    ['TC_043_3_CSMS send local authorization list, failed', 'TC_043_3', 'Failed'],
  ])('%s', async (_name, tc, answer) => {
    const s = await station(tc, { SendLocalList: () => ({ status: answer }) });
    const list = [{ idTag: s.idTag, idTagInfo: { status: 'Accepted' } }];
    const payload = await send(s, 'sendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: list }, 'status listVersion');
    expect(payload).toMatchObject({ status: answer, listVersion: 1 });
    expect(s.received.SendLocalList).toEqual([{ listVersion: 1, updateType: 'Full', localAuthorizationList: list }]);
    // Not installed: the CSMS does not believe the station holds the list.
    expect(await localList(s)).toEqual({ chargePointId: s.id, listVersion: null, entries: [] });
    expect((await chargePoint(s)).localListVersion).toBeNull();
    await noUnsolicitedCalls();
  });

  test('TC_043_4_CSMS send local authorization list, full', async () => {
    const s = await station('TC_043_4', { SendLocalList: () => ({ status: 'Accepted' }) });
    const list = [{ idTag: s.idTag, idTagInfo: { status: 'Accepted' } }];
    const payload = await send(s, 'sendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: list }, 'status listVersion');
    expect(payload).toMatchObject({ status: 'Accepted', listVersion: 1 });
    expect(s.received.SendLocalList).toEqual([{ listVersion: 1, updateType: 'Full', localAuthorizationList: list }]);
    expect(await localList(s)).toEqual({
      chargePointId: s.id,
      listVersion: 1,
      entries: [{ idTag: s.idTag, idTagInfo: { status: 'Accepted', expiryDate: null, parentIdTag: null } }],
    });
    expect((await chargePoint(s)).localListVersion).toBe(1);
    await noUnsolicitedCalls();
  });

  test('TC_043_5_CSMS send local authorization list, differential', async () => {
    const s = await station('TC_043_5', { SendLocalList: () => ({ status: 'Accepted' }), GetLocalListVersion: () => ({ listVersion: 1 }) });
    // Memory state: a full list (version 1) is installed.
    await send(s, 'sendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: [{ idTag: s.idTag, idTagInfo: { status: 'Accepted' } }] });
    expect((await send(s, 'getLocalListVersion', {}, 'listVersion')).listVersion).toBe(1);
    const added = [{ idTag: 'NEW-TC_043_5', idTagInfo: { status: 'Accepted' } }];
    const payload = await send(s, 'sendLocalList', { listVersion: 2, updateType: 'Differential', localAuthorizationList: added }, 'status listVersion');
    expect(payload).toMatchObject({ status: 'Accepted', listVersion: 2 });
    expect(s.received.SendLocalList[1]).toEqual({ listVersion: 2, updateType: 'Differential', localAuthorizationList: added });
    const stored = await localList(s);
    expect(stored.listVersion).toBe(2);
    expect(stored.entries.map((e: any) => [e.idTag, e.idTagInfo?.status]).sort()).toEqual([
      ['NEW-TC_043_5', 'Accepted'],
      [s.idTag, 'Accepted'],
    ]);
    expect((await chargePoint(s)).localListVersion).toBe(2);
    await noUnsolicitedCalls();
  });
});

// ---------------------------------------------------------------- Reservation profile

describe('Reservation profile', () => {
  const RESERVE_FIELDS = 'status reservationId';

  async function reserve(s: Station, input: Record<string, unknown>): Promise<{ status: string; reservationId: number }> {
    const payload = await send(s, 'reserveNow', { connectorId: 1, expiryDate: at(5 * 60_000), idTag: s.idTag, ...input }, RESERVE_FIELDS);
    expect(Number.isInteger(payload.reservationId)).toBe(true);
    const sent = s.received.ReserveNow.at(-1);
    expect(sent.reservationId).toBe(payload.reservationId);
    return payload;
  }

  test('TC_046_CSMS reservation of a connector, transaction', async () => {
    const s = await station('TC_046', { ReserveNow: () => ({ status: 'Accepted' }) });
    const expiryDate = at(5 * 60_000);
    const { status: answer, reservationId } = await reserve(s, { connectorId: 1, expiryDate });
    expect(answer).toBe('Accepted');
    expect(s.received.ReserveNow[0]).toMatchObject({ connectorId: 1, idTag: s.idTag, reservationId });
    sameInstant(s.received.ReserveNow[0].expiryDate, expiryDate);
    expect(await reservation(s, reservationId)).toMatchObject({ connectorId: 1, idTag: s.idTag, status: 'ACTIVE', responseStatus: 'Accepted', transactionId: null });
    await status(s, 1, 'Reserved');
    const transactionId = await identificationFirst(s, { reservationId });
    expect(await reservation(s, reservationId)).toMatchObject({ status: 'USED', transactionId });
    expect((await transaction(transactionId)).reservationId).toBe(reservationId);
    expect(await reservations(s, true)).toEqual([]);
    await noUnsolicitedCalls();
  });

  test('TC_047_CSMS reservation of a connector, expire', async () => {
    const s = await station('TC_047', { ReserveNow: () => ({ status: 'Accepted' }) });
    const expiryDate = at(2500);
    const { status: answer, reservationId } = await reserve(s, { expiryDate });
    expect(answer).toBe('Accepted');
    expect((await reservation(s, reservationId)).status).toBe('ACTIVE');
    await status(s, 1, 'Reserved');
    // The station never says the reservation ended; the CSMS expires it at expiryDate.
    const expired = await eventually(async () => {
      const r = await reservation(s, reservationId);
      return r.status === 'EXPIRED' && r;
    }, 10_000, 200);
    expect(expired).toMatchObject({ status: 'EXPIRED', transactionId: null });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(expiryDate));
    await status(s, 1, 'Available', { timestamp: at(3 * 60_000) });
    expect(await reservations(s, true)).toEqual([]);
    await noUnsolicitedCalls();
  });

  test.each([
    ['TC_048_1_CSMS reservation of a connector, faulted', 'TC_048_1', 'Faulted'],
    ['TC_048_2_CSMS reservation of a connector, occupied', 'TC_048_2', 'Occupied'],
    ['TC_048_3_CSMS reservation of a connector, unavailable', 'TC_048_3', 'Unavailable'],
    ['TC_048_4_CSMS reservation of a connector, rejected', 'TC_048_4', 'Rejected'],
  ])('%s', async (_name, tc, answer) => {
    const s = await station(tc, { ReserveNow: () => ({ status: answer }), ChangeAvailability: () => ({ status: 'Accepted' }) });
    if (answer === 'Occupied') await status(s, 1, 'Preparing');
    if (answer === 'Unavailable') {
      expect((await send(s, 'changeAvailability', { connectorId: 1, type: 'Inoperative' })).status).toBe('Accepted');
      expect(s.received.ChangeAvailability).toEqual([{ connectorId: 1, type: 'Inoperative' }]);
      await status(s, 1, 'Unavailable');
      expect((await connector(s, 1)).status).toBe('Unavailable');
    }
    const { status: reported, reservationId } = await reserve(s, {});
    expect(reported).toBe(answer);
    expect(await reservations(s, true)).toEqual([]);
    const stored = (await reservations(s)).filter((r) => r.id === reservationId);
    // Either not kept at all, or kept only as a record of the refusal.
    for (const r of stored) expect(r).toMatchObject({ status: 'REJECTED', responseStatus: answer });
    await noUnsolicitedCalls();
  });

  test('TC_049_CSMS reservation of a charge point, transaction', async () => {
    const s = await station('TC_049', { ReserveNow: () => ({ status: 'Accepted' }) });
    const { status: answer, reservationId } = await reserve(s, { connectorId: 0 });
    expect(answer).toBe('Accepted');
    expect(s.received.ReserveNow[0]).toMatchObject({ connectorId: 0, idTag: s.idTag, reservationId });
    expect(await reservation(s, reservationId)).toMatchObject({ connectorId: 0, status: 'ACTIVE', responseStatus: 'Accepted' });
    await status(s, 1, 'Reserved');
    expect((await connector(s, 1)).status).toBe('Reserved');
    expect(await reservations(s, true)).toEqual([expect.objectContaining({ id: reservationId, connectorId: 0 })]);
    await noUnsolicitedCalls();
  });

  test('TC_051_CSMS cancel reservation', async () => {
    const s = await station('TC_051', { ReserveNow: () => ({ status: 'Accepted' }), CancelReservation: () => ({ status: 'Accepted' }) });
    const { reservationId } = await reserve(s, {});
    await status(s, 1, 'Reserved');
    expect((await send(s, 'cancelReservation', { reservationId })).status).toBe('Accepted');
    expect(s.received.CancelReservation).toEqual([{ reservationId }]);
    expect((await reservation(s, reservationId)).status).toBe('CANCELLED');
    await status(s, 1, 'Available');
    expect(await reservations(s, true)).toEqual([]);
    await noUnsolicitedCalls();
  });

  test('TC_052_CSMS cancel reservation, rejected', async () => {
    const s = await station('TC_052', { ReserveNow: () => ({ status: 'Accepted' }), CancelReservation: () => ({ status: 'Rejected' }) });
    const { reservationId } = await reserve(s, {});
    await status(s, 1, 'Reserved');
    expect((await send(s, 'cancelReservation', { reservationId })).status).toBe('Rejected');
    expect(s.received.CancelReservation).toEqual([{ reservationId }]);
    expect((await reservation(s, reservationId)).status).toBe('ACTIVE');
    expect(await reservations(s, true)).toEqual([expect.objectContaining({ id: reservationId })]);
    await noUnsolicitedCalls();
  });

  test('TC_053_CSMS use a reserved connector with parentIdTag', async () => {
    const s = await station('TC_053', { ReserveNow: () => ({ status: 'Accepted' }) });
    const parent = 'PARENT-TC_053';
    const child = 'CHILD-TC_053';
    await idTagRecord(parent);
    await idTagRecord(child, { parentIdTag: parent });
    // parentIdTag is left out: the CSMS fills it in from the child's stored parent.
    const { status: answer, reservationId } = await reserve(s, { idTag: child });
    expect(answer).toBe('Accepted');
    expect(s.received.ReserveNow[0]).toMatchObject({ connectorId: 1, idTag: child, parentIdTag: parent, reservationId });
    expect(await reservation(s, reservationId)).toMatchObject({ idTag: child, parentIdTag: parent, status: 'ACTIVE' });
    await status(s, 1, 'Reserved');
    expect((await authorize(s, parent)).status).toBe('Accepted');
    await status(s, 1, 'Preparing');
    const start = await startTransaction(s, { idTag: parent, reservationId });
    expect(start.idTagInfo.status).toBe('Accepted');
    await status(s, 1, 'Charging');
    expect(await reservation(s, reservationId)).toMatchObject({ status: 'USED', transactionId: start.transactionId });
    expect(await transaction(start.transactionId)).toMatchObject({ idTag: parent, reservationId });
    await noUnsolicitedCalls();
  });
});

// ---------------------------------------------------------------- Remote Trigger profile

describe('Remote Trigger profile', () => {
  test('TC_054_CSMS trigger message', async () => {
    const s = await station('TC_054', { TriggerMessage: () => ({ status: 'Accepted' }) });
    const trigger = async (requestedMessage: string, connectorId?: number) => {
      const input = connectorId === undefined ? { requestedMessage } : { requestedMessage, connectorId };
      expect((await send(s, 'triggerMessage', input)).status).toBe('Accepted');
      expect(s.received.TriggerMessage.at(-1)).toEqual(input);
    };

    await trigger('MeterValues', 1);
    expect(await s.cp.call('MeterValues', { connectorId: 1, meterValue: [] })).toEqual({});

    await trigger('Heartbeat');
    expect(Math.abs(Date.parse((await s.cp.call('Heartbeat', {})).currentTime) - Date.now())).toBeLessThan(10_000);

    await trigger('StatusNotification', 1);
    await status(s, 1, 'Available');

    await trigger('DiagnosticsStatusNotification');
    expect(await s.cp.call('DiagnosticsStatusNotification', { status: 'Idle' })).toEqual({});

    await trigger('FirmwareStatusNotification');
    expect(await s.cp.call('FirmwareStatusNotification', { status: 'Idle' })).toEqual({});

    expect(s.received.TriggerMessage).toHaveLength(5);
    expect(await chargePoint(s)).toMatchObject({ firmwareStatus: 'Idle', diagnosticsStatus: 'Idle' });
    await noUnsolicitedCalls();
  });

  test('TC_055_CSMS trigger message, rejected', async () => {
    const s = await station('TC_055', { TriggerMessage: () => ({ status: 'Rejected' }) });
    expect((await send(s, 'triggerMessage', { requestedMessage: 'MeterValues', connectorId: 1 })).status).toBe('Rejected');
    expect(s.received.TriggerMessage).toEqual([{ requestedMessage: 'MeterValues', connectorId: 1 }]);
    await noUnsolicitedCalls();
  });
});

// ---------------------------------------------------------------- Smart Charging profile

describe('Smart Charging profile', () => {
  const SET_FIELDS = 'status chargingProfileId';

  test('TC_056_CSMS central smart charging, TxDefaultProfile', async () => {
    const s = await station('TC_056', { SetChargingProfile: () => ({ status: 'Accepted' }) });
    const validFrom = at(0);
    const validTo = at(24 * HOUR);
    const chargingSchedule = schedule(3600, 6.0);
    const csChargingProfiles = {
      chargingProfileId: 5601,
      stackLevel: 0,
      chargingProfilePurpose: 'TxDefaultProfile',
      chargingProfileKind: 'Absolute',
      validFrom,
      validTo,
      chargingSchedule,
    };
    const payload = await send(s, 'setChargingProfile', { connectorId: 1, csChargingProfiles }, SET_FIELDS);
    expect(payload).toMatchObject({ status: 'Accepted', chargingProfileId: 5601 });
    expect(s.received.SetChargingProfile).toHaveLength(1);
    const sent = s.received.SetChargingProfile[0];
    expect(sent).toMatchObject({
      connectorId: 1,
      csChargingProfiles: {
        chargingProfileId: 5601,
        stackLevel: 0,
        chargingProfilePurpose: 'TxDefaultProfile',
        chargingProfileKind: 'Absolute',
        chargingSchedule: { chargingRateUnit: 'W', duration: 3600, chargingSchedulePeriod: [{ startPeriod: 0, limit: 6, numberPhases: 3 }] },
      },
    });
    sameInstant(sent.csChargingProfiles.validFrom, validFrom);
    sameInstant(sent.csChargingProfiles.validTo, validTo);
    const stored = await chargingProfiles(s);
    expect(stored).toEqual([
      expect.objectContaining({
        connectorId: 1,
        chargingProfileId: 5601,
        transactionId: null,
        stackLevel: 0,
        chargingProfilePurpose: 'TxDefaultProfile',
        chargingProfileKind: 'Absolute',
      }),
    ]);
    expect(stored[0].chargingSchedule).toMatchObject({ duration: 3600, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 6, numberPhases: 3 }] });
    sameInstant(stored[0].validFrom, validFrom);
    sameInstant(stored[0].validTo, validTo);
    await noUnsolicitedCalls();
  });

  test('TC_057_CSMS central smart charging, TxProfile', async () => {
    const s = await station('TC_057', { SetChargingProfile: () => ({ status: 'Accepted' }) });
    const transactionId = await charging(s);
    const csChargingProfiles = { transactionId, stackLevel: 0, chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Absolute', chargingSchedule: schedule(1800, 6.0) };
    const payload = await send(s, 'setChargingProfile', { connectorId: 1, csChargingProfiles }, SET_FIELDS);
    expect(payload.status).toBe('Accepted');
    expect(s.received.SetChargingProfile[0]).toMatchObject({
      connectorId: 1,
      csChargingProfiles: { chargingProfileId: payload.chargingProfileId, transactionId, chargingProfilePurpose: 'TxProfile', chargingSchedule: { duration: 1800 } },
    });
    expect(await chargingProfiles(s)).toEqual([
      expect.objectContaining({ connectorId: 1, chargingProfileId: payload.chargingProfileId, transactionId, chargingProfilePurpose: 'TxProfile' }),
    ]);
    await noUnsolicitedCalls();
  });

  test('TC_059_CSMS remote start transaction with charging profile', async () => {
    const s = await station('TC_059', { RemoteStartTransaction: () => ({ status: 'Accepted' }) });
    const chargingProfile = { stackLevel: 0, chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Absolute', chargingSchedule: schedule(1200, 6.0) };
    expect((await send(s, 'remoteStartTransaction', { connectorId: 1, idTag: s.idTag, chargingProfile })).status).toBe('Accepted');
    expect(s.received.RemoteStartTransaction).toHaveLength(1);
    const sent = s.received.RemoteStartTransaction[0];
    expect(sent).toMatchObject({
      connectorId: 1,
      idTag: s.idTag,
      chargingProfile: {
        chargingProfileId: expect.any(Number),
        stackLevel: 0,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Absolute',
        chargingSchedule: { chargingRateUnit: 'W', duration: 1200, chargingSchedulePeriod: [{ startPeriod: 0, limit: 6, numberPhases: 3 }] },
      },
    });
    expect(sent.chargingProfile.transactionId).toBeUndefined();
    const transactionId = await identificationFirst(s);
    expect(await transaction(transactionId)).toMatchObject({ active: true, idTag: s.idTag });
    await noUnsolicitedCalls();
  });

  test('TC_066_CSMS get composite schedule', async () => {
    const scheduleStart = at(0);
    const s = await station('TC_066', {
      GetCompositeSchedule: ({ connectorId }) => ({
        status: 'Accepted',
        connectorId,
        scheduleStart,
        chargingSchedule: { chargingRateUnit: 'W', duration: 300, chargingSchedulePeriod: [{ startPeriod: 0, limit: 6.0 }] },
      }),
    });
    const payload = await send(
      s,
      'getCompositeSchedule',
      { connectorId: 1, duration: 300, chargingRateUnit: 'W' },
      'status connectorId scheduleStart chargingSchedule { duration chargingRateUnit chargingSchedulePeriod { startPeriod limit numberPhases } }',
    );
    expect(s.received.GetCompositeSchedule).toEqual([{ connectorId: 1, duration: 300, chargingRateUnit: 'W' }]);
    expect(payload).toMatchObject({
      status: 'Accepted',
      connectorId: 1,
      chargingSchedule: { duration: 300, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 6, numberPhases: null }] },
    });
    sameInstant(payload.scheduleStart, scheduleStart);
    await noUnsolicitedCalls();
  });

  test('TC_067_CSMS clear charging profile', async () => {
    const s = await station('TC_067', { SetChargingProfile: () => ({ status: 'Accepted' }), ClearChargingProfile: () => ({ status: 'Accepted' }) });
    const transactionId = await charging(s);
    const profile = (purpose: string, limit: number, extra: Record<string, unknown> = {}) => ({
      stackLevel: 0,
      chargingProfilePurpose: purpose,
      chargingProfileKind: 'Absolute',
      chargingSchedule: schedule(3600, limit),
      ...extra,
    });
    const max = await send(s, 'setChargingProfile', { connectorId: 0, csChargingProfiles: profile('ChargePointMaxProfile', 7.0) }, SET_FIELDS);
    const txDefault = await send(s, 'setChargingProfile', { connectorId: 1, csChargingProfiles: profile('TxDefaultProfile', 9.0) }, SET_FIELDS);
    const tx = await send(s, 'setChargingProfile', { connectorId: 1, csChargingProfiles: profile('TxProfile', 11.0, { transactionId }) }, SET_FIELDS);
    for (const p of [max, txDefault, tx]) expect(p.status).toBe('Accepted');
    const held = async () =>
      (await chargingProfiles(s))
        .map((p) => [p.chargingProfileId, p.connectorId, p.chargingProfilePurpose, p.chargingSchedule.chargingSchedulePeriod[0].limit])
        .sort((a, b) => a[0] - b[0]);
    expect(await held()).toEqual(
      [
        [max.chargingProfileId, 0, 'ChargePointMaxProfile', 7],
        [txDefault.chargingProfileId, 1, 'TxDefaultProfile', 9],
        [tx.chargingProfileId, 1, 'TxProfile', 11],
      ].sort((a, b) => (a[0] as number) - (b[0] as number)),
    );

    expect((await send(s, 'clearChargingProfile', { id: max.chargingProfileId })).status).toBe('Accepted');
    expect(s.received.ClearChargingProfile[0]).toEqual({ id: max.chargingProfileId });
    expect((await held()).map((p) => p[0])).toEqual([txDefault.chargingProfileId, tx.chargingProfileId].sort((a, b) => a - b));

    expect((await send(s, 'clearChargingProfile', { connectorId: 1, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 0 })).status).toBe('Accepted');
    expect(s.received.ClearChargingProfile[1]).toEqual({ connectorId: 1, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 0 });
    expect((await held()).map((p) => p[0])).toEqual([tx.chargingProfileId]);

    expect((await send(s, 'clearChargingProfile', {})).status).toBe('Accepted');
    expect(s.received.ClearChargingProfile[2]).toEqual({});
    expect(await chargingProfiles(s)).toEqual([]);
    await noUnsolicitedCalls();
  });
});

// ---------------------------------------------------------------- Security (OCPP 1.6 security white paper)

describe('Security', () => {
  test('TC_073_CSMS update charge point password for HTTP basic authentication', async () => {
    const oldPassword = 'tc073-old-password-0001';
    const newPassword = 'tc073-nëw-pässwörd-0002';
    const s = await station('TC_073', { ChangeConfiguration: () => ({ status: 'Accepted' }) }, { password: oldPassword });
    const payload = await send(s, 'rotateChargePointPassword', { password: newPassword }, 'status password');
    expect(payload).toMatchObject({ status: 'Accepted', password: newPassword });
    expect(s.received.ChangeConfiguration).toEqual([{ key: 'AuthorizationKey', value: Buffer.from(newPassword, 'utf8').toString('hex') }]);
    expect(s.received.ChangeConfiguration[0].value).toMatch(/^[0-9a-f]+$/);

    await s.cp.close({ force: true });
    s.cp = await connect(s, newPassword);
    expect((await s.cp.call('BootNotification', BOOT)).status).toBe('Accepted');
    expect((await chargePoint(s)).connected).toBe(true);
    await s.cp.close({ force: true });
    expect(await handshake(s.id, { protocols: ['ocpp1.6'], password: oldPassword })).toEqual({ status: 401 });
    expect((await handshake(s.id, { protocols: ['ocpp1.6'], password: newPassword })).status).toBe(101);
    await noUnsolicitedCalls();
  });

  test('TC_085_CSMS basic authentication, valid username/password combination', async () => {
    const password = 'tc085-password-0123456789';
    await tenant.chargePoint('OCTT-TC_085', password);
    expect(await handshake('OCTT-TC_085', { protocols: ['ocpp1.6'] })).toEqual({ status: 401 });
    await expect(connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'OCTT-TC_085' })).rejects.toThrow();
    expect(await handshake('OCTT-TC_085', { protocols: ['ocpp1.6'], password: 'tc085-wrong-password-000' })).toEqual({ status: 401 });
    const s = await station('TC_085', {}, { password, boot: false, created: true });
    expect(s.cp.protocol).toBe('ocpp1.6');
    await boot(s);
    expect((await chargePoint(s)).connected).toBe(true);
    await noUnsolicitedCalls();
  });

  test('TC_088_CSMS WebSocket subprotocol negotiation', async () => {
    await tenant.chargePoint('OCTT-TC_088');
    expect(await handshake('OCTT-TC_088', { protocols: ['ocpp0.1'] })).toEqual({ status: 400 });
    expect(await handshake('OCTT-TC_088', { protocols: ['ocpp0.1', 'ocpp1.6'] })).toEqual({ status: 101, protocol: 'ocpp1.6' });

    // The charge point itself: ocpp-rpc offering both, strict on ocpp1.6 (it has no ocpp0.1 schemas).
    const cp = new RPCClient({
      endpoint: `ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}`,
      identity: 'OCTT-TC_088',
      protocols: ['ocpp0.1', 'ocpp1.6'],
      strictMode: ['ocpp1.6'],
      reconnect: false,
      callTimeoutMs: 5000,
    });
    clients.push(cp);
    const s: Station = { id: 'OCTT-TC_088', idTag: '', cp, answers: {}, received: {}, unexpected: [] };
    attach(s, cp);
    stations.push(s);
    await cp.connect();
    expect(cp.protocol).toBe('ocpp1.6');
    await boot(s);
    await noUnsolicitedCalls();
  });
  const ROOT_PEM = `-----BEGIN CERTIFICATE-----
MIIBRTCB7KADAgECAhA6/2cYbzEdBWjghQPARmiAMAoGCCqGSM49BAMCMBExDzAN
BgNVBAMTBk93biBDQTAeFw0yNjEyMDExNzIzMjhaFw0yNzEyMDIxNzIzMjhaMBEx
DzANBgNVBAMTBk93biBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABPaf5d0H
jm0z6zfzHbhoABXSwUw8551Ek/ljIYnXlkrGZ2G7EJMCbMOO/BPFpCLtMjnU2Fi3
PXJNMwaUNkFL56ijJjAkMBIGA1UdEwEB/wQIMAYBAf8CAQAwDgYDVR0PAQH/BAQD
AgEGMAoGCCqGSM49BAMCA0gAMEUCIQCXaF2n7BvtjFYUcSCCl8iVAU7kVf0tTUJk
WGaGVT+0YQIgbe9RIv+0QQLFGWP89Pw2UfGoFy6V9DAUeKxV5al8ymo=
-----END CERTIFICATE-----`;

  async function securityEvents(s: Station, type: string): Promise<any[]> {
    const data = await api.data(`query($f: SecurityEventFilter) { securityEvents(filter: $f) { edges { node { type techInfo source } } } }`, { f: { chargePointId: s.id, type } });
    return data.securityEvents.edges.map((e: any) => e.node);
  }

  test.each([
    ['TC_075_1_CSMS install a certificate on the charge point, ManufacturerRootCertificate', 'TC_075_1', 'ManufacturerRootCertificate'],
    ['TC_075_2_CSMS install a certificate on the charge point, CentralSystemRootCertificate', 'TC_075_2', 'CentralSystemRootCertificate'],
  ])('%s', async (_name, tc, certificateType) => {
    const hash = { hashAlgorithm: 'SHA256', issuerNameHash: 'a1b2', issuerKeyHash: 'c3d4', serialNumber: '3aff67' };
    const s = await station(tc, {
      InstallCertificate: () => ({ status: 'Accepted' }),
      GetInstalledCertificateIds: () => ({ status: 'Accepted', certificateHashData: [hash] }),
    });
    expect((await send(s, 'installCertificate', { certificateType, certificate: ROOT_PEM })).status).toBe('Accepted');
    expect(s.received.InstallCertificate).toEqual([{ certificateType, certificate: ROOT_PEM }]);
    const ids = await send(s, 'getInstalledCertificateIds', { certificateType }, 'status certificateHashData { hashAlgorithm issuerNameHash issuerKeyHash serialNumber }');
    expect(ids).toMatchObject({ status: 'Accepted', certificateHashData: [hash] });
    expect(s.received.GetInstalledCertificateIds).toEqual([{ certificateType }]);
    await noUnsolicitedCalls();
  });

  test.each(['SHA256', 'SHA384', 'SHA512'])('TC_076_CSMS delete a specific certificate from the charge point (%s)', async (hashAlgorithm) => {
    const hash = { hashAlgorithm, issuerNameHash: 'ab'.repeat(16), issuerKeyHash: 'cd'.repeat(16), serialNumber: '0102' };
    let installed = true;
    const s = await station(`TC_076_${hashAlgorithm}`, {
      InstallCertificate: () => ({ status: 'Accepted' }),
      GetInstalledCertificateIds: () => (installed ? { status: 'Accepted', certificateHashData: [hash] } : { status: 'Accepted' }),
      DeleteCertificate: () => ((installed = false), { status: 'Accepted' }),
    });
    await send(s, 'installCertificate', { certificateType: 'CentralSystemRootCertificate', certificate: ROOT_PEM });
    const reported = await send(s, 'getInstalledCertificateIds', { certificateType: 'CentralSystemRootCertificate' }, 'status certificateHashData { hashAlgorithm issuerNameHash issuerKeyHash serialNumber }');
    expect((await send(s, 'deleteCertificate', { certificateHashData: reported.certificateHashData[0] })).status).toBe('Accepted');
    expect(s.received.DeleteCertificate).toEqual([{ certificateHashData: hash }]);
    const after = await send(s, 'getInstalledCertificateIds', { certificateType: 'CentralSystemRootCertificate' }, 'status certificateHashData { serialNumber }');
    expect(after).toMatchObject({ status: 'Accepted', certificateHashData: null });
    await noUnsolicitedCalls();
  });

  test('TC_077_CSMS invalid ChargePointCertificate security event', async () => {
    const s = await station('TC_077', { ExtendedTriggerMessage: () => ({ status: 'Accepted' }), CertificateSigned: () => ({ status: 'Rejected' }) });
    expect((await send(s, 'extendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' })).status).toBe('Accepted');
    const { csrPem: csr } = await makeCsr(s.id);
    expect(await s.cp.call('SignCertificate', { csr })).toEqual({ status: 'Accepted' });
    await eventually(async () => s.received.CertificateSigned?.length === 1);
    expect(s.received.CertificateSigned[0].certificateChain).toMatch(/^-----BEGIN CERTIFICATE-----[\s\S]+-----BEGIN CERTIFICATE-----/);
    // The CSMS records the charge point's rejection on the command.
    const rejected = await eventually(async () => {
      const { commands } = await api.data(`query($f: CommandFilter) { commands(filter: $f, first: 100) { edges { node { action status response } } } }`, { f: { chargePointId: s.id } });
      return commands.edges.map((e: any) => e.node).find((c: any) => c.action === 'CertificateSigned' && c.status === 'COMPLETED');
    });
    expect(rejected.response).toEqual({ status: 'Rejected' });
    expect(await s.cp.call('SecurityEventNotification', { type: 'InvalidChargePointCertificate', timestamp: new Date().toISOString() })).toEqual({});
    expect(await securityEvents(s, 'InvalidChargePointCertificate')).toEqual([{ type: 'InvalidChargePointCertificate', techInfo: null, source: 'CHARGE_POINT' }]);
    await noUnsolicitedCalls();
  });

  test('TC_078_CSMS invalid CentralSystemCertificate security event', async () => {
    const s = await station('TC_078', { InstallCertificate: () => ({ status: 'Rejected' }) });
    expect((await send(s, 'installCertificate', { certificateType: 'CentralSystemRootCertificate', certificate: 'bogus' })).status).toBe('Rejected');
    expect(await s.cp.call('SecurityEventNotification', { type: 'InvalidCentralSystemCertificate', timestamp: new Date().toISOString(), techInfo: 'not a PEM' })).toEqual({});
    expect(await securityEvents(s, 'InvalidCentralSystemCertificate')).toEqual([{ type: 'InvalidCentralSystemCertificate', techInfo: 'not a PEM', source: 'CHARGE_POINT' }]);
    await noUnsolicitedCalls();
  });

  test('TC_079_CSMS get security log', async () => {
    const s = await station('TC_079', { GetLog: () => ({ status: 'Accepted', filename: 'security.log' }) });
    const log = await send(s, 'getLog', { logType: 'SecurityLog', requestId: 79, retries: 1, retryInterval: 60, log: { remoteLocation: 'ftp://octt.example/logs' } }, 'status filename requestId');
    expect(log).toMatchObject({ status: 'Accepted', filename: 'security.log', requestId: 79 });
    expect(s.received.GetLog).toEqual([{ logType: 'SecurityLog', requestId: 79, retries: 1, retryInterval: 60, log: { remoteLocation: 'ftp://octt.example/logs' } }]);
    for (const state of ['Uploading', 'Uploaded']) {
      expect(await s.cp.call('LogStatusNotification', { status: state, requestId: 79 })).toEqual({});
      const { chargePoint: cp } = await api.data(`query($id: ID!) { chargePoint(id: $id) { logStatus { status requestId } } }`, { id: s.id });
      expect(cp.logStatus).toEqual({ status: state, requestId: 79 });
    }
    await noUnsolicitedCalls();
  });

  async function signedFirmwareUpdate(s: Station) {
    const firmware = { location: 'https://octt.example/fw.bin', retrieveDateTime: new Date().toISOString(), installDateTime: new Date().toISOString(), signingCertificate: ROOT_PEM, signature: 'c2lnbmF0dXJl' };
    const answer = await send(s, 'signedUpdateFirmware', { requestId: 80, retries: 1, retryInterval: 60, firmware }, 'status requestId');
    expect(answer).toMatchObject({ status: 'Accepted', requestId: 80 });
    expect(s.received.SignedUpdateFirmware).toEqual([{ requestId: 80, retries: 1, retryInterval: 60, firmware }]);
  }

  async function firmwareStatuses(s: Station): Promise<string[]> {
    return (await api.data(`query($id: ID!) { firmwareStatusHistory(chargePointId: $id, first: 100) { edges { node { status } } } }`, { id: s.id })).firmwareStatusHistory.edges.map((e: any) => e.node.status);
  }

  test('TC_080_CSMS secure firmware update', async () => {
    const s = await station('TC_080', { SignedUpdateFirmware: () => ({ status: 'Accepted' }) });
    await signedFirmwareUpdate(s);
    const notify = async (state: string) => expect(await s.cp.call('SignedFirmwareStatusNotification', { status: state, requestId: 80 })).toEqual({});
    for (const state of ['Downloading', 'Downloaded', 'SignatureVerified']) await notify(state);
    await status(s, 0, 'Unavailable');
    for (const state of ['Installing', 'InstallRebooting']) await notify(state);
    await boot(s);
    expect(await s.cp.call('SecurityEventNotification', { type: 'FirmwareUpdated', timestamp: new Date().toISOString() })).toEqual({});
    await status(s, 0, 'Available');
    await notify('Installed');
    expect(await firmwareStatuses(s)).toEqual(['Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'InstallRebooting', 'Installed']);
    expect((await chargePoint(s)).firmwareStatus).toBe('Installed');
    expect(await securityEvents(s, 'FirmwareUpdated')).toHaveLength(1);
    await noUnsolicitedCalls();
  });

  test('TC_081_CSMS secure firmware update, invalid signature', async () => {
    const s = await station('TC_081', { SignedUpdateFirmware: () => ({ status: 'Accepted' }) });
    await signedFirmwareUpdate(s);
    for (const state of ['Downloading', 'Downloaded', 'InvalidSignature']) {
      expect(await s.cp.call('SignedFirmwareStatusNotification', { status: state, requestId: 80 })).toEqual({});
    }
    expect(await firmwareStatuses(s)).toEqual(['Downloading', 'Downloaded', 'InvalidSignature']);
    expect((await chargePoint(s)).firmwareStatus).toBe('InvalidSignature');
    await noUnsolicitedCalls();
  });
});
