import type { RPCClient } from './support/rpc-client';
import { platformSql } from '../src/platform/db';
import type { RunningServer } from '../src/server';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { startTestServer } from './support/harness';
import { seedTenant } from './support/seed';
import { bootedStation } from './support/station';

let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let api: GraphQLClient;
const clients: RPCClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  tenant = await seedTenant(server);
  api = graphqlClient(server, tenant.ownerKey);
  for (const tag of ['SC-57', 'SC-57B', 'SC-59', 'SC-59C', 'SC-67', 'SC-STOP']) await tenant.idTag(tag);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close({ force: true }).catch(() => undefined)));
});

afterAll(async () => {
  await server.stop();
});

async function station(id: string, answers: Record<string, (params: any) => any>) {
  const s = await bootedStation(server, tenant, id, answers);
  clients.push(s.cp);
  return s;
}

async function charging(cp: RPCClient, idTag: string): Promise<number> {
  await cp.call('Authorize', { idTag });
  await cp.call('StatusNotification', { connectorId: 1, status: 'Preparing', errorCode: 'NoError' });
  const start = await cp.call('StartTransaction', { connectorId: 1, idTag, meterStart: 0, timestamp: new Date().toISOString() });
  await cp.call('StatusNotification', { connectorId: 1, status: 'Charging', errorCode: 'NoError' });
  return start.transactionId;
}

const SET = `mutation($input: SetChargingProfileInput!) { setChargingProfile(input: $input) { status chargingProfileId command { status } } }`;
const CLEAR = `mutation($input: ClearChargingProfileInput!) { clearChargingProfile(input: $input) { status command { status } } }`;
const PROFILES = `query($id: ID!) { chargingProfiles(chargePointId: $id) { edges { node { connectorId chargingProfileId transactionId stackLevel chargingProfilePurpose chargingProfileKind validFrom validTo chargingSchedule { duration startSchedule chargingRateUnit chargingSchedulePeriod { startPeriod limit numberPhases } } } } } }`;

function profile(purpose: string, limit: number, extra: Record<string, unknown> = {}) {
  return {
    stackLevel: 0,
    chargingProfilePurpose: purpose,
    chargingProfileKind: 'Absolute',
    chargingSchedule: { chargingRateUnit: 'W', duration: 3600, startSchedule: new Date().toISOString(), chargingSchedulePeriod: [{ startPeriod: 0, limit, numberPhases: 3 }] },
    ...extra,
  };
}

describe('Smart Charging profile', () => {
  it('TC_056: a TxDefaultProfile is sent with a CSMS-assigned id and stored when Accepted', async () => {
    const { received } = await station('CP-SC56', { SetChargingProfile: () => ({ status: 'Accepted' }) });
    const validFrom = new Date().toISOString();
    const validTo = new Date(Date.now() + 86400_000).toISOString();
    const data = await api.data(SET, { input: { chargePointId: 'CP-SC56', connectorId: 1, csChargingProfiles: profile('TxDefaultProfile', 6.0, { validFrom, validTo }) } });
    expect(data.setChargingProfile).toMatchObject({ status: 'Accepted', command: { status: 'COMPLETED' } });
    const id = data.setChargingProfile.chargingProfileId;
    expect(received.SetChargingProfile[0].csChargingProfiles).toMatchObject({ chargingProfileId: id, chargingProfilePurpose: 'TxDefaultProfile', validFrom, validTo });
    const stored = (await api.data(PROFILES, { id: 'CP-SC56' })).chargingProfiles.edges.map((e: any) => e.node);
    expect(stored).toEqual([
      expect.objectContaining({ connectorId: 1, chargingProfileId: id, transactionId: null, stackLevel: 0, chargingProfilePurpose: 'TxDefaultProfile', chargingProfileKind: 'Absolute', validFrom, validTo }),
    ]);
    expect(stored[0].chargingSchedule).toMatchObject({ duration: 3600, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 6, numberPhases: 3 }] });
    // Same stackLevel and purpose on the same connector replaces it.
    const again = await api.data(SET, { input: { chargePointId: 'CP-SC56', connectorId: 1, csChargingProfiles: profile('TxDefaultProfile', 8.0) } });
    const after = (await api.data(PROFILES, { id: 'CP-SC56' })).chargingProfiles.edges.map((e: any) => e.node);
    expect(after.map((p: any) => [p.chargingProfileId, p.chargingSchedule.chargingSchedulePeriod[0].limit])).toEqual([[again.setChargingProfile.chargingProfileId, 8]]);
  });

  it.each(['Rejected', 'NotSupported'])('SetChargingProfile answered %s stores nothing', async (status) => {
    await station(`CP-SC-${status}`, { SetChargingProfile: () => ({ status }) });
    const data = await api.data(SET, { input: { chargePointId: `CP-SC-${status}`, connectorId: 1, csChargingProfiles: profile('TxDefaultProfile', 6.0) } });
    expect(data.setChargingProfile.status).toBe(status);
    expect((await api.data(PROFILES, { id: `CP-SC-${status}` })).chargingProfiles.edges.map((e: any) => e.node)).toEqual([]);
  });

  it('TC_057: a TxProfile for the running transaction, removed when the transaction stops', async () => {
    const { cp } = await station('CP-SC57', { SetChargingProfile: () => ({ status: 'Accepted' }) });
    const transactionId = await charging(cp, 'SC-57');
    const p = profile('TxProfile', 6.0, { transactionId });
    (p.chargingSchedule as any).duration = 1800;
    const data = await api.data(SET, { input: { chargePointId: 'CP-SC57', connectorId: 1, csChargingProfiles: p } });
    expect(data.setChargingProfile.status).toBe('Accepted');
    expect((await api.data(PROFILES, { id: 'CP-SC57' })).chargingProfiles.edges.map((e: any) => e.node)).toEqual([expect.objectContaining({ chargingProfilePurpose: 'TxProfile', transactionId })]);
    await cp.call('StopTransaction', { transactionId, meterStop: 100, timestamp: new Date().toISOString(), idTag: 'SC-57' });
    expect((await api.data(PROFILES, { id: 'CP-SC57' })).chargingProfiles.edges.map((e: any) => e.node)).toEqual([]);
  });

  it('a TxProfile sent without transactionId belongs to the running transaction and ends with it', async () => {
    const { cp } = await station('CP-SC57B', { SetChargingProfile: () => ({ status: 'Accepted' }) });
    const transactionId = await charging(cp, 'SC-57B');
    const data = await api.data(SET, { input: { chargePointId: 'CP-SC57B', connectorId: 1, csChargingProfiles: profile('TxProfile', 8.0) } });
    expect(data.setChargingProfile.status).toBe('Accepted');
    expect((await api.data(PROFILES, { id: 'CP-SC57B' })).chargingProfiles.edges.map((e: any) => e.node)).toEqual([expect.objectContaining({ chargingProfilePurpose: 'TxProfile', transactionId })]);
    await cp.call('StopTransaction', { transactionId, meterStop: 100, timestamp: new Date().toISOString() });
    expect((await api.data(PROFILES, { id: 'CP-SC57B' })).chargingProfiles.edges.map((e: any) => e.node)).toEqual([]);
  });

  it('TC_059: RemoteStartTransaction with a TxProfile gets a chargingProfileId', async () => {
    const { cp, received } = await station('CP-SC59', { RemoteStartTransaction: () => ({ status: 'Accepted' }) });
    const p = profile('TxProfile', 6.0);
    (p.chargingSchedule as any).duration = 1200;
    const data = await api.data(`mutation($input: RemoteStartTransactionInput!) { remoteStartTransaction(input: $input) { status } }`, {
      input: { chargePointId: 'CP-SC59', connectorId: 1, idTag: 'SC-59', chargingProfile: p },
    });
    expect(data.remoteStartTransaction.status).toBe('Accepted');
    expect(received.RemoteStartTransaction[0].chargingProfile).toMatchObject({ chargingProfileId: expect.any(Number), chargingProfilePurpose: 'TxProfile' });
    expect(received.RemoteStartTransaction[0].chargingProfile.transactionId).toBeUndefined();
    const chargingProfileId = received.RemoteStartTransaction[0].chargingProfile.chargingProfileId;
    // Kept while it waits for its transaction, then linked to it (id tags compare case-insensitively).
    expect((await api.data(PROFILES, { id: 'CP-SC59' })).chargingProfiles.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ connectorId: 1, chargingProfileId, transactionId: null, chargingProfilePurpose: 'TxProfile' }),
    ]);
    const transactionId = await charging(cp, 'sc-59');
    expect(transactionId).toBeGreaterThan(0);
    expect((await api.data(PROFILES, { id: 'CP-SC59' })).chargingProfiles.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ connectorId: 1, chargingProfileId, transactionId, chargingProfilePurpose: 'TxProfile' }),
    ]);
    await cp.call('StopTransaction', { transactionId, meterStop: 100, timestamp: new Date().toISOString(), idTag: 'SC-59' });
    expect((await api.data(PROFILES, { id: 'CP-SC59' })).chargingProfiles.edges.map((e: any) => e.node)).toEqual([]);
  });

  it('a RemoteStart TxProfile for any connector follows its id tag; one whose remote start lapsed is dropped', async () => {
    const { cp } = await station('CP-SC59B', { RemoteStartTransaction: () => ({ status: 'Accepted' }) });
    const remoteStart = `mutation($input: RemoteStartTransactionInput!) { remoteStartTransaction(input: $input) { status } }`;
    // For any connector, to be started by SC-59 on connector 2.
    await api.data(remoteStart, { input: { chargePointId: 'CP-SC59B', idTag: 'SC-59', chargingProfile: profile('TxProfile', 7.0, { stackLevel: 1 }) } });
    // For connector 1 and SC-57, but SC-STOP starts there instead: that remote start lapsed.
    await api.data(remoteStart, { input: { chargePointId: 'CP-SC59B', connectorId: 1, idTag: 'SC-57', chargingProfile: profile('TxProfile', 8.0) } });
    expect((await api.data(PROFILES, { id: 'CP-SC59B' })).chargingProfiles.edges.map((e: any) => e.node)).toHaveLength(2);
    await charging(cp, 'SC-STOP');
    expect((await api.data(PROFILES, { id: 'CP-SC59B' })).chargingProfiles.edges.map((e: any) => e.node)).toEqual([expect.objectContaining({ connectorId: 0, transactionId: null, stackLevel: 1 })]);
    const start = await cp.call('StartTransaction', { connectorId: 2, idTag: 'SC-59', meterStart: 0, timestamp: new Date().toISOString() });
    expect((await api.data(PROFILES, { id: 'CP-SC59B' })).chargingProfiles.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ connectorId: 2, transactionId: start.transactionId, stackLevel: 1, chargingProfilePurpose: 'TxProfile' }),
    ]);
  });

  it('a refused start leaves a waiting RemoteStart TxProfile alone; one waiting past 10 minutes is dropped, not linked', async () => {
    const { cp } = await station('CP-SC59C', { RemoteStartTransaction: () => ({ status: 'Accepted' }) });
    const remoteStart = `mutation($input: RemoteStartTransactionInput!) { remoteStartTransaction(input: $input) { status } }`;
    await api.data(remoteStart, { input: { chargePointId: 'CP-SC59C', connectorId: 1, idTag: 'SC-59C', chargingProfile: profile('TxProfile', 7.0) } });
    // An unknown card on that connector is refused (Invalid): the remote start is still on.
    const refused = await cp.call('StartTransaction', { connectorId: 1, idTag: 'NOT-A-TAG', meterStart: 0, timestamp: new Date().toISOString() });
    expect(refused.idTagInfo.status).toBe('Invalid');
    await cp.call('StopTransaction', { transactionId: refused.transactionId, meterStop: 0, timestamp: new Date().toISOString(), reason: 'DeAuthorized' });
    expect((await api.data(PROFILES, { id: 'CP-SC59C' })).chargingProfiles.edges.map((e: any) => e.node)).toEqual([expect.objectContaining({ connectorId: 1, transactionId: null })]);
    // Eleven minutes later the charge point has long given up on it.
    await platformSql(server.app.orm, `update charging_profile set updated_at = now() - interval '11 minutes' where charge_point_id = 'CP-SC59C'`, []);
    const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'SC-59C', meterStart: 0, timestamp: new Date().toISOString() });
    expect(start.idTagInfo.status).toBe('Accepted');
    expect((await api.data(PROFILES, { id: 'CP-SC59C' })).chargingProfiles.edges.map((e: any) => e.node)).toEqual([]);
  });

  it('TC_066: GetCompositeSchedule reports the charge point schedule', async () => {
    const scheduleStart = new Date().toISOString();
    await station('CP-SC66', {
      GetCompositeSchedule: (params) => ({
        status: 'Accepted',
        connectorId: params.connectorId,
        scheduleStart,
        chargingSchedule: { chargingRateUnit: 'W', duration: 300, chargingSchedulePeriod: [{ startPeriod: 0, limit: 6.0 }] },
      }),
    });
    const data = await api.data(
      `mutation($input: GetCompositeScheduleInput!) { getCompositeSchedule(input: $input) { status connectorId scheduleStart chargingSchedule { duration chargingRateUnit chargingSchedulePeriod { startPeriod limit } } } }`,
      { input: { chargePointId: 'CP-SC66', connectorId: 1, duration: 300, chargingRateUnit: 'W' } },
    );
    expect(data.getCompositeSchedule).toEqual({
      status: 'Accepted',
      connectorId: 1,
      scheduleStart,
      chargingSchedule: { duration: 300, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 6 }] },
    });
  });

  it('one-decimal limits such as 7.1 and 0.3 pass the schemas\' multipleOf 0.1 both ways', async () => {
    const { received } = await station('CP-SC-DEC', { SetChargingProfile: () => ({ status: 'Accepted' }) });
    const p = profile('TxDefaultProfile', 7.1);
    (p.chargingSchedule as any).chargingSchedulePeriod.push({ startPeriod: 600, limit: 0.3, numberPhases: 3 });
    const data = await api.data(SET, { input: { chargePointId: 'CP-SC-DEC', connectorId: 1, csChargingProfiles: p } });
    expect(data.setChargingProfile).toMatchObject({ status: 'Accepted', command: { status: 'COMPLETED' } });
    expect(received.SetChargingProfile[0].csChargingProfiles.chargingSchedule.chargingSchedulePeriod.map((period: any) => period.limit)).toEqual([7.1, 0.3]);
    const stored = (await api.data(PROFILES, { id: 'CP-SC-DEC' })).chargingProfiles.edges.map((e: any) => e.node);
    expect(stored[0].chargingSchedule.chargingSchedulePeriod.map((period: any) => period.limit)).toEqual([7.1, 0.3]);
  });

  it('TC_067: ClearChargingProfile by id, by criteria and with no fields', async () => {
    let clearAnswer = 'Accepted';
    const { cp, received } = await station('CP-SC67', { SetChargingProfile: () => ({ status: 'Accepted' }), ClearChargingProfile: () => ({ status: clearAnswer }) });
    const transactionId = await charging(cp, 'SC-67');
    const max = await api.data(SET, { input: { chargePointId: 'CP-SC67', connectorId: 0, csChargingProfiles: profile('ChargePointMaxProfile', 7.0) } });
    await api.data(SET, { input: { chargePointId: 'CP-SC67', connectorId: 1, csChargingProfiles: profile('TxDefaultProfile', 9.0) } });
    await api.data(SET, { input: { chargePointId: 'CP-SC67', connectorId: 1, csChargingProfiles: profile('TxProfile', 11.0, { transactionId }) } });
    const purposes = async () => (await api.data(PROFILES, { id: 'CP-SC67' })).chargingProfiles.edges.map((e: any) => e.node).map((p: any) => p.chargingProfilePurpose).sort();
    expect(await purposes()).toEqual(['ChargePointMaxProfile', 'TxDefaultProfile', 'TxProfile']);

    clearAnswer = 'Unknown';
    expect((await api.data(CLEAR, { input: { chargePointId: 'CP-SC67', id: 999999 } })).clearChargingProfile.status).toBe('Unknown');
    expect(await purposes()).toHaveLength(3);
    clearAnswer = 'Accepted';
    expect((await api.data(CLEAR, { input: { chargePointId: 'CP-SC67', id: max.setChargingProfile.chargingProfileId } })).clearChargingProfile.status).toBe('Accepted');
    expect(await purposes()).toEqual(['TxDefaultProfile', 'TxProfile']);
    await api.data(CLEAR, { input: { chargePointId: 'CP-SC67', connectorId: 1, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 0 } });
    expect(received.ClearChargingProfile[2]).toEqual({ connectorId: 1, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 0 });
    expect(await purposes()).toEqual(['TxProfile']);
    await api.data(CLEAR, { input: { chargePointId: 'CP-SC67' } });
    expect(received.ClearChargingProfile[3]).toEqual({});
    expect(await purposes()).toEqual([]);
  });
});
