import type { RPCClient } from './support/rpc-client';
import { allocate, SITE_LIMIT_STACK_LEVEL } from '../src/modules/smart-charging/site-limit.service';
import type { RunningServer } from '../src/server';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { connectChargePoint, startTestServer, waitFor, eventually } from './support/harness';
import { seedTenant } from './support/seed';
import { bootedStation } from './support/station';

/**
 * Site limits (charging groups): the CSMS splits a group's current over its running sessions with
 * TxProfiles, as sessions start and stop. Plus the two profile fields exposed beside them: the CSMS's
 * expected composite schedule and the local list's resync flag.
 */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let api: GraphQLClient;
const clients: RPCClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  tenant = await seedTenant(server);
  api = graphqlClient(server, tenant.ownerKey);
  for (const tag of ['SL-1', 'SL-2']) await tenant.idTag(tag);
});

afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close({ force: true }).catch(() => undefined)));
  await server.stop();
});

async function station(id: string, answers: Record<string, (params: any) => any> = { SetChargingProfile: () => ({ status: 'Accepted' }) }) {
  const s = await bootedStation(server, tenant, id, answers);
  clients.push(s.cp);
  return s;
}

/** The limits of the SetChargingProfile requests a station received, in order. */
const limits = (received: Record<string, any[]>) => (received.SetChargingProfile ?? []).map((r) => r.csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0].limit);
const limitsBecome = (received: Record<string, any[]>, expected: number[]) => waitFor(() => JSON.stringify(limits(received)) === JSON.stringify(expected), 8000).catch(() => expect(limits(received)).toEqual(expected));

const GROUP = `id name maxCurrent chargePointIds activeTransactions allocations { transactionId chargePointId connectorId limit }`;
const CREATE = `mutation($input: CreateChargingGroupInput!) { createChargingGroup(input: $input) { chargingGroup { ${GROUP} } } }`;
const UPDATE = `mutation($input: UpdateChargingGroupInput!) { updateChargingGroup(input: $input) { chargingGroup { ${GROUP} } } }`;
const DELETE = `mutation($input: DeleteChargingGroupInput!) { deleteChargingGroup(input: $input) { deleted } }`;
const GROUPS = `{ chargingGroups { edges { node { ${GROUP} } } } }`;

/** Polls an async condition (the API's view catches up with what a charge point was just sent). */

async function start(cp: RPCClient, idTag: string): Promise<number> {
  const { transactionId } = await cp.call('StartTransaction', { connectorId: 1, idTag, meterStart: 0, timestamp: new Date().toISOString() });
  return transactionId;
}

describe('site limit', () => {
  it('splits 32 A over the running sessions as they start and stop, each a recorded TxProfile command', async () => {
    const one = await station('CP-SL1', { SetChargingProfile: () => ({ status: 'Accepted' }), ClearChargingProfile: () => ({ status: 'Accepted' }) });
    const two = await station('CP-SL2');
    const { createChargingGroup } = await api.data(CREATE, { input: { name: 'garage', maxCurrent: 32, chargePointIds: ['CP-SL1', 'CP-SL2'] } });
    const groupId = createChargingGroup.chargingGroup.id;
    expect(createChargingGroup.chargingGroup).toMatchObject({ name: 'garage', maxCurrent: 32, chargePointIds: ['CP-SL1', 'CP-SL2'], activeTransactions: 0, allocations: [] });

    const tx1 = await start(one.cp, 'SL-1');
    await limitsBecome(one.received, [32]);
    expect(one.received.SetChargingProfile[0]).toEqual({
      connectorId: 1,
      csChargingProfiles: {
        chargingProfileId: expect.any(Number),
        transactionId: tx1,
        stackLevel: SITE_LIMIT_STACK_LEVEL,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 32 }] },
      },
    });

    const tx2 = await start(two.cp, 'SL-2');
    await limitsBecome(one.received, [32, 16]);
    await limitsBecome(two.received, [16]);
    const [group] = (await api.data(GROUPS)).chargingGroups.edges.map((e: any) => e.node);
    expect(group).toMatchObject({ id: groupId, activeTransactions: 2 });
    expect(group.allocations).toEqual([
      { transactionId: tx1, chargePointId: 'CP-SL1', connectorId: 1, limit: 16 },
      { transactionId: tx2, chargePointId: 'CP-SL2', connectorId: 1, limit: 16 },
    ]);
    // The charge point keeps replacing the same profile: the CSMS reuses its chargingProfileId.
    expect(one.received.SetChargingProfile[1].csChargingProfiles.chargingProfileId).toBe(one.received.SetChargingProfile[0].csChargingProfiles.chargingProfileId);

    await two.cp.call('StopTransaction', { transactionId: tx2, meterStop: 100, timestamp: new Date().toISOString() });
    await limitsBecome(one.received, [32, 16, 32]);

    // A rename changes no allocation, so nothing is resent; a new maxCurrent is.
    await api.data(UPDATE, { input: { id: groupId, name: 'garage level 1' } });
    const { updateChargingGroup } = await api.data(UPDATE, { input: { id: groupId, maxCurrent: 20.5 } });
    expect(updateChargingGroup.chargingGroup).toMatchObject({ name: 'garage level 1', maxCurrent: 20.5, activeTransactions: 1 });
    await limitsBecome(one.received, [32, 16, 32, 20.5]);
    expect(limits(two.received)).toEqual([16]);

    // Each profile is a command like any other, made by the site limit and shown in the history (the last
    // one completes just after the charge point answered).
    const profileCommands = async () =>
      (await api.data(`{ commands(filter: { chargePointId: "CP-SL1" }) { edges { node { action status createdBy } } } }`)).commands.edges.map((e: any) => e.node).filter((c: any) => c.action === 'SetChargingProfile');
    await eventually(async () => (await profileCommands()).every((c: any) => c.status === 'COMPLETED'));
    expect(await profileCommands()).toEqual(Array.from({ length: 4 }, () => ({ action: 'SetChargingProfile', status: 'COMPLETED', createdBy: 'site-limit' })));
    // And the CSMS stored what the charge point accepted.
    const stored = (await api.data(`{ chargingProfiles(chargePointId: "CP-SL1") { edges { node { transactionId stackLevel chargingSchedule { chargingSchedulePeriod { limit } } } } } }`)).chargingProfiles.edges.map((e: any) => e.node);
    expect(stored).toEqual([{ transactionId: tx1, stackLevel: SITE_LIMIT_STACK_LEVEL, chargingSchedule: { chargingSchedulePeriod: [{ limit: 20.5 }] } }]);

    // A charge point leaving the group gets its site-limit profile cleared: the group no longer limits it.
    const profileId = one.received.SetChargingProfile[3].csChargingProfiles.chargingProfileId;
    await api.data(UPDATE, { input: { id: groupId, chargePointIds: ['CP-SL2'] } });
    await waitFor(() => one.received.ClearChargingProfile?.length, 8000);
    expect(one.received.ClearChargingProfile).toEqual([{ id: profileId }]);
    await eventually(async () => (await api.data(`{ chargingProfiles(chargePointId: "CP-SL1") { edges { node { chargingProfileId } } } }`)).chargingProfiles.edges.map((e: any) => e.node).length === 0);

    await one.cp.call('StopTransaction', { transactionId: tx1, meterStop: 100, timestamp: new Date().toISOString() });
    expect((await api.data(DELETE, { input: { id: groupId } })).deleteChargingGroup.deleted).toBe(true);
    expect((await api.data(GROUPS)).chargingGroups.edges.map((e: any) => e.node)).toEqual([]);
  }, 30_000);

  it('sends a session its TxProfile when its charge point reconnects after missing it while offline', async () => {
    const three = await station('CP-SL3');
    const four = await station('CP-SL4');
    const { createChargingGroup } = await api.data(CREATE, { input: { name: 'reconnect', maxCurrent: 20, chargePointIds: ['CP-SL3', 'CP-SL4'] } });
    const tx3 = await start(three.cp, 'SL-1');
    await limitsBecome(three.received, [20]);
    // The second session starts, then its charge point drops before the rebalance (200 ms later) reaches it.
    const tx4 = await start(four.cp, 'SL-2');
    await four.cp.close({ force: true });
    await limitsBecome(three.received, [20, 10]);
    expect(limits(four.received)).toEqual([]);
    const sl4Commands = async () => (await api.data(`{ commands(filter: { chargePointId: "CP-SL4" }) { edges { node { action status createdBy } } } }`)).commands.edges.map((e: any) => e.node);
    // The rebalance tried CP-SL4 and found it offline.
    await eventually(async () => (await sl4Commands()).some((c: any) => c.action === 'SetChargingProfile' && c.status === 'FAILED'));

    const back = { cp: await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-SL4' }), received: { SetChargingProfile: [] as any[] } };
    clients.push(back.cp);
    back.cp.handle('SetChargingProfile', ({ params }: { params: any }) => {
      back.received.SetChargingProfile.push(params);
      return { status: 'Accepted' };
    });
    await limitsBecome(back.received, [10]);
    expect(back.received.SetChargingProfile[0].csChargingProfiles.transactionId).toBe(tx4);
    // The session that already holds its limit is not sent it again.
    expect(limits(three.received)).toEqual([20, 10]);

    for (const [cp, transactionId] of [[three.cp, tx3], [back.cp, tx4]] as const) {
      await cp.call('StopTransaction', { transactionId, meterStop: 1, timestamp: new Date().toISOString() });
    }
    await api.data(DELETE, { input: { id: createChargingGroup.chargingGroup.id } });
  }, 30_000);

  it('gives the oldest sessions 6 A each and pauses the rest when the group cannot give everyone 6 A', () => {
    const sessions = [1, 2, 3, 4].map((n) => ({ transactionId: n, chargePointId: `CP${n}`, connectorId: 1 }));
    expect(allocate(32, sessions.slice(0, 3)).map((a) => a.limit)).toEqual([10.6, 10.6, 10.6]);
    expect(allocate(24, sessions).map((a) => a.limit)).toEqual([6, 6, 6, 6]);
    expect(allocate(20, sessions).map((a) => a.limit)).toEqual([6, 6, 6, 0]);
    expect(allocate(5, sessions).map((a) => a.limit)).toEqual([0, 0, 0, 0]);
    expect(allocate(32, [])).toEqual([]);
  });

  it('validates input: positive maxCurrent, known charge points, one group per charge point, unique names', async () => {
    await tenant.chargePoint('CP-SL-V1');
    await tenant.chargePoint('CP-SL-V2');
    const { createChargingGroup } = await api.data(CREATE, { input: { name: 'north', maxCurrent: 63, chargePointIds: ['CP-SL-V1'] } });
    const north = createChargingGroup.chargingGroup.id;
    expect(await api.errorCode(CREATE, { input: { name: 'south', maxCurrent: 32, chargePointIds: ['CP-SL-V1'] } })).toBe('CONFLICT');
    const { createChargingGroup: south } = await api.data(CREATE, { input: { name: 'south', maxCurrent: 32, chargePointIds: ['CP-SL-V2'] } });
    expect(await api.errorCode(UPDATE, { input: { id: south.chargingGroup.id, chargePointIds: ['CP-SL-V2', 'CP-SL-V1'] } })).toBe('CONFLICT');
    expect(await api.errorCode(CREATE, { input: { name: 'north', maxCurrent: 32, chargePointIds: [] } })).toBe('CONFLICT');
    expect(await api.errorCode(UPDATE, { input: { id: south.chargingGroup.id, name: 'north' } })).toBe('CONFLICT');
    for (const maxCurrent of [0, -16]) {
      expect(await api.errorCode(CREATE, { input: { name: 'west', maxCurrent, chargePointIds: [] } })).toBe('BAD_USER_INPUT');
      expect(await api.errorCode(UPDATE, { input: { id: north, maxCurrent } })).toBe('BAD_USER_INPUT');
    }
    expect(await api.errorCode(CREATE, { input: { name: 'west', maxCurrent: 32, chargePointIds: ['CP-SL-NOPE'] } })).toBe('NOT_FOUND');
    for (const id of ['00000000-0000-0000-0000-000000000000', 'not-a-uuid']) {
      expect(await api.errorCode(UPDATE, { input: { id, maxCurrent: 10 } })).toBe('NOT_FOUND');
      expect(await api.errorCode(DELETE, { input: { id } })).toBe('NOT_FOUND');
    }
    // Moving a charge point: out of one group, then into the other.
    await api.data(UPDATE, { input: { id: north, chargePointIds: [] } });
    const { updateChargingGroup } = await api.data(UPDATE, { input: { id: south.chargingGroup.id, chargePointIds: ['CP-SL-V2', 'CP-SL-V1'] } });
    expect(updateChargingGroup.chargingGroup.chargePointIds).toEqual(['CP-SL-V1', 'CP-SL-V2']);
    // A deleted charge point leaves its group; created again under the same id it is in none.
    await api.data(`mutation { deleteChargePoint(input: { id: "CP-SL-V1" }) { deleted } }`);
    await tenant.chargePoint('CP-SL-V1');
    expect((await api.data(GROUPS)).chargingGroups.edges.map((e: any) => e.node).find((g: any) => g.name === 'south').chargePointIds).toEqual(['CP-SL-V2']);
    await api.data(UPDATE, { input: { id: north, chargePointIds: ['CP-SL-V1'] } });
    // A VIEWER may look but not change.
    const viewer = graphqlClient(server, await viewerKey());
    expect((await viewer.data(GROUPS)).chargingGroups.edges.map((e: any) => e.node).map((g: any) => g.name)).toEqual(['north', 'south']);
    expect(await viewer.errorCode(DELETE, { input: { id: north } })).toBe('FORBIDDEN');
    for (const id of [north, south.chargingGroup.id]) await api.data(DELETE, { input: { id } });
  });

  it("keeps groups per tenant: another tenant sees none and cannot use or touch this tenant's", async () => {
    await tenant.chargePoint('CP-SL-ISO');
    const { createChargingGroup } = await api.data(CREATE, { input: { name: 'iso', maxCurrent: 32, chargePointIds: ['CP-SL-ISO'] } });
    const id = createChargingGroup.chargingGroup.id;
    const other = await seedTenant(server);
    const b = graphqlClient(server, other.ownerKey);
    expect((await b.data(GROUPS)).chargingGroups.edges.map((e: any) => e.node)).toEqual([]);
    expect(await b.errorCode(CREATE, { input: { name: 'iso', maxCurrent: 32, chargePointIds: ['CP-SL-ISO'] } })).toBe('NOT_FOUND');
    expect(await b.errorCode(UPDATE, { input: { id, maxCurrent: 1 } })).toBe('NOT_FOUND');
    expect(await b.errorCode(DELETE, { input: { id } })).toBe('NOT_FOUND');
    // The same charge point id and group name in the other tenant are its own.
    await other.chargePoint('CP-SL-ISO');
    const mine = (await b.data(CREATE, { input: { name: 'iso', maxCurrent: 16, chargePointIds: ['CP-SL-ISO'] } })).createChargingGroup.chargingGroup;
    expect(mine).toMatchObject({ name: 'iso', maxCurrent: 16, chargePointIds: ['CP-SL-ISO'] });
    expect((await api.data(GROUPS)).chargingGroups.edges.map((e: any) => e.node)).toEqual([expect.objectContaining({ id, maxCurrent: 32 })]);
    await api.data(DELETE, { input: { id } });
  });
});

async function viewerKey(): Promise<string> {
  const { createApiKey } = await api.data(`mutation { createApiKey(input: { name: "viewer", role: VIEWER }) { secret } }`);
  return createApiKey.secret;
}

describe('profile state exposed through GraphQL', () => {
  const EXPECTED = `query($id: ID!, $connectorId: Int!, $unit: ChargingRateUnitType) {
    expectedCompositeSchedule(chargePointId: $id, connectorId: $connectorId, duration: 3600, chargingRateUnit: $unit) { duration chargingRateUnit chargingSchedulePeriod { startPeriod limit } }
  }`;

  it('expectedCompositeSchedule computes what the stored profiles give a connector', async () => {
    await station('CP-SL-CS');
    expect((await api.data(EXPECTED, { id: 'CP-SL-CS', connectorId: 1 })).expectedCompositeSchedule).toBeNull();
    const profile = {
      stackLevel: 0,
      chargingProfilePurpose: 'TxDefaultProfile',
      chargingProfileKind: 'Absolute',
      chargingSchedule: { chargingRateUnit: 'A', startSchedule: new Date(Date.now() - 60_000).toISOString(), chargingSchedulePeriod: [{ startPeriod: 0, limit: 13 }] },
    };
    const set = await api.data(`mutation($input: SetChargingProfileInput!) { setChargingProfile(input: $input) { status } }`, {
      input: { chargePointId: 'CP-SL-CS', connectorId: 0, csChargingProfiles: profile },
    });
    expect(set.setChargingProfile.status).toBe('Accepted');
    expect((await api.data(EXPECTED, { id: 'CP-SL-CS', connectorId: 1 })).expectedCompositeSchedule).toEqual({
      duration: 3600,
      chargingRateUnit: 'A',
      chargingSchedulePeriod: [{ startPeriod: 0, limit: 13 }],
    });
    expect((await api.data(EXPECTED, { id: 'CP-SL-CS', connectorId: 1, unit: 'W' })).expectedCompositeSchedule.chargingSchedulePeriod).toEqual([{ startPeriod: 0, limit: 13 * 230 * 3 }]);
    expect(await api.errorCode(EXPECTED, { id: 'CP-SL-NOPE', connectorId: 1 })).toBe('NOT_FOUND');
    expect(await api.errorCode(EXPECTED, { id: 'CP-SL-CS', connectorId: -1 })).toBe('BAD_USER_INPUT');
  });

  it('localAuthorizationList shows resyncNeeded and the version the charge point reported', async () => {
    let answer = 'Accepted';
    await station('CP-SL-LL', { SendLocalList: () => ({ status: answer }), GetLocalListVersion: () => ({ listVersion: 5 }) });
    const LIST = `{ localAuthorizationList(chargePointId: "CP-SL-LL") { listVersion resyncNeeded reportedListVersion } }`;
    const SEND = `mutation { sendLocalList(input: { chargePointId: "CP-SL-LL", updateType: Full, localAuthorizationList: [] }) { status } }`;
    expect((await api.data(LIST)).localAuthorizationList).toEqual({ listVersion: null, resyncNeeded: false, reportedListVersion: null });
    await api.data(SEND);
    expect((await api.data(LIST)).localAuthorizationList).toEqual({ listVersion: 1, resyncNeeded: false, reportedListVersion: 1 });
    answer = 'VersionMismatch';
    await api.data(SEND);
    expect((await api.data(LIST)).localAuthorizationList).toMatchObject({ listVersion: 1, resyncNeeded: true });
    await api.data(`mutation { getLocalListVersion(input: { chargePointId: "CP-SL-LL" }) { listVersion } }`);
    expect((await api.data(LIST)).localAuthorizationList).toEqual({ listVersion: 5, resyncNeeded: true, reportedListVersion: 5 });
  });
});
