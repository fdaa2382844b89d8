import type { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { ChargePoint } from '../src/modules/charge-point/charge-point.entity';
import { tenantEm } from '../src/platform/db';
import { connectChargePoint, eventually, startTestServer } from './support/harness';
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

const GET_VERSION = `mutation($id: ID!) { getLocalListVersion(input: { chargePointId: $id }) { listVersion command { status } } }`;
const SEND = `mutation($input: SendLocalListInput!) { sendLocalList(input: $input) { status listVersion command { status request } } }`;
const LIST = `query($id: ID!) { localAuthorizationList(chargePointId: $id) { chargePointId listVersion entries { idTag idTagInfo { status expiryDate parentIdTag } } } }`;
const CP_VERSION = `query($id: ID!) { chargePoint(id: $id) { localListVersion } }`;

describe('Local Auth List Management profile', () => {
  it.each([
    ['TC_042_1', -1],
    ['TC_042_2', 0],
  ])('%s: GetLocalListVersion reports %i', async (tc, listVersion) => {
    await station(`CP-${tc}`, { GetLocalListVersion: () => ({ listVersion }) });
    const data = await api.data(GET_VERSION, { id: `CP-${tc}` });
    expect(data.getLocalListVersion).toEqual({ listVersion, command: { status: 'COMPLETED' } });
  });

  it.each([
    ['TC_043_1', 'NotSupported'],
    ['TC_043_3', 'Failed'],
  ])('%s: SendLocalList answered %s keeps the CSMS copy unchanged', async (tc, status) => {
    const { received } = await station(`CP-${tc}`, { SendLocalList: () => ({ status }) });
    const data = await api.data(SEND, { input: { chargePointId: `CP-${tc}`, listVersion: 1, updateType: 'Full', localAuthorizationList: [{ idTag: 'LL-TAG', idTagInfo: { status: 'Accepted' } }] } });
    expect(data.sendLocalList).toMatchObject({ status, listVersion: 1, command: { status: 'COMPLETED' } });
    expect(received.SendLocalList[0]).toEqual({ listVersion: 1, updateType: 'Full', localAuthorizationList: [{ idTag: 'LL-TAG', idTagInfo: { status: 'Accepted' } }] });
    expect((await api.data(LIST, { id: `CP-${tc}` })).localAuthorizationList).toEqual({ chargePointId: `CP-${tc}`, listVersion: null, entries: [] });
  });

  it('TC_043_4 and TC_043_5: Full then Differential, with CSMS-assigned versions and the content tracked', async () => {
    const { received } = await station('CP-LL-FULL', { SendLocalList: () => ({ status: 'Accepted' }), GetLocalListVersion: () => ({ listVersion: 1 }) });
    const full = await api.data(SEND, {
      input: { chargePointId: 'CP-LL-FULL', updateType: 'Full', localAuthorizationList: [{ idTag: 'TAG-A', idTagInfo: { status: 'Accepted' } }, { idTag: 'TAG-B', idTagInfo: { status: 'Blocked' } }] },
    });
    expect(full.sendLocalList).toMatchObject({ status: 'Accepted', listVersion: 1 });
    expect((await api.data(CP_VERSION, { id: 'CP-LL-FULL' })).chargePoint.localListVersion).toBe(1);
    expect((await api.data(GET_VERSION, { id: 'CP-LL-FULL' })).getLocalListVersion.listVersion).toBe(1);
    const diff = await api.data(SEND, {
      input: {
        chargePointId: 'CP-LL-FULL',
        updateType: 'Differential',
        localAuthorizationList: [{ idTag: 'TAG-C', idTagInfo: { status: 'Accepted', parentIdTag: 'PARENT' } }, { idTag: 'tag-b' }],
      },
    });
    expect(diff.sendLocalList).toMatchObject({ status: 'Accepted', listVersion: 2 });
    expect(received.SendLocalList[1]).toMatchObject({ listVersion: 2, updateType: 'Differential' });
    const list = (await api.data(LIST, { id: 'CP-LL-FULL' })).localAuthorizationList;
    expect(list).toEqual({
      chargePointId: 'CP-LL-FULL',
      listVersion: 2,
      entries: [
        { idTag: 'TAG-A', idTagInfo: { status: 'Accepted', expiryDate: null, parentIdTag: null } },
        { idTag: 'TAG-C', idTagInfo: { status: 'Accepted', expiryDate: null, parentIdTag: 'PARENT' } },
      ],
    });
    // A Full list replaces everything; an empty one clears it.
    await api.data(SEND, { input: { chargePointId: 'CP-LL-FULL', updateType: 'Full', localAuthorizationList: [] } });
    expect((await api.data(LIST, { id: 'CP-LL-FULL' })).localAuthorizationList).toMatchObject({ listVersion: 3, entries: [] });
  });

  it('VersionMismatch keeps our copy and flags a resync; a disagreeing GetLocalListVersion is recorded', async () => {
    let answer = 'Accepted';
    await station('CP-LL-MISMATCH', { SendLocalList: () => ({ status: answer }), GetLocalListVersion: () => ({ listVersion: 7 }) });
    await api.data(SEND, { input: { chargePointId: 'CP-LL-MISMATCH', updateType: 'Full', localAuthorizationList: [{ idTag: 'TAG-A', idTagInfo: { status: 'Accepted' } }] } });
    answer = 'VersionMismatch';
    const mismatch = await api.data(SEND, { input: { chargePointId: 'CP-LL-MISMATCH', updateType: 'Differential', localAuthorizationList: [{ idTag: 'TAG-Z', idTagInfo: { status: 'Accepted' } }] } });
    expect(mismatch.sendLocalList).toMatchObject({ status: 'VersionMismatch', listVersion: 2 });
    expect((await api.data(LIST, { id: 'CP-LL-MISMATCH' })).localAuthorizationList).toMatchObject({ listVersion: 1, entries: [{ idTag: 'TAG-A' }] });
    const { LocalListState } = await import('../src/modules/local-list/local-list-state.entity');
    const { tenantEm } = await import('../src/platform/db');
    const em = () => tenantEm(server.app.orm, tenant.tenantId);
    expect(await em().findOneOrFail(LocalListState, { chargePointId: 'CP-LL-MISMATCH' })).toMatchObject({ resyncNeeded: true });
    expect((await api.data(GET_VERSION, { id: 'CP-LL-MISMATCH' })).getLocalListVersion.listVersion).toBe(7);
    expect(await em().findOneOrFail(LocalListState, { chargePointId: 'CP-LL-MISMATCH' })).toMatchObject({ resyncNeeded: true, reportedVersion: 7 });
    expect((await api.data(CP_VERSION, { id: 'CP-LL-MISMATCH' })).chargePoint.localListVersion).toBe(7);
    // The next version the CSMS picks is above what the charge point has.
    answer = 'Accepted';
    const resync = await api.data(SEND, { input: { chargePointId: 'CP-LL-MISMATCH', updateType: 'Full', localAuthorizationList: [{ idTag: 'TAG-A', idTagInfo: { status: 'Accepted' } }] } });
    expect(resync.sendLocalList.listVersion).toBe(8);
    expect(await em().findOneOrFail(LocalListState, { chargePointId: 'CP-LL-MISMATCH' })).toMatchObject({ resyncNeeded: false, reportedVersion: 8 });
  });

  it('TC_042_1: a version of -1 (no local list support) is recorded without flagging a resync', async () => {
    await station('CP-LL-NOSUPPORT', { GetLocalListVersion: () => ({ listVersion: -1 }) });
    expect((await api.data(GET_VERSION, { id: 'CP-LL-NOSUPPORT' })).getLocalListVersion.listVersion).toBe(-1);
    const state = `query($id: ID!) { localAuthorizationList(chargePointId: $id) { reportedListVersion resyncNeeded } }`;
    expect((await api.data(state, { id: 'CP-LL-NOSUPPORT' })).localAuthorizationList).toEqual({ reportedListVersion: -1, resyncNeeded: false });
  });

  it('TC_042_1 after a list was sent: -1 is recorded, and still no resync is flagged', async () => {
    let version = 1;
    await station('CP-LL-GONE', { SendLocalList: () => ({ status: 'Accepted' }), GetLocalListVersion: () => ({ listVersion: version }) });
    await api.data(SEND, { input: { chargePointId: 'CP-LL-GONE', updateType: 'Full', localAuthorizationList: [{ idTag: 'TAG-A', idTagInfo: { status: 'Accepted' } }] } });
    version = -1;
    expect((await api.data(GET_VERSION, { id: 'CP-LL-GONE' })).getLocalListVersion.listVersion).toBe(-1);
    const state = `query($id: ID!) { localAuthorizationList(chargePointId: $id) { reportedListVersion resyncNeeded } }`;
    expect((await api.data(state, { id: 'CP-LL-GONE' })).localAuthorizationList).toEqual({ reportedListVersion: -1, resyncNeeded: false });
    // It holds no list, so the CSMS's copy is empty and its version is what the charge point said.
    expect((await api.data(LIST, { id: 'CP-LL-GONE' })).localAuthorizationList).toEqual({ chargePointId: 'CP-LL-GONE', listVersion: -1, entries: [] });
  });

  it.each([
    ['duplicate idTags (compared case-insensitively)', 'CP-LL-DUP', 'Full', [{ idTag: 'A', idTagInfo: { status: 'Accepted' } }, { idTag: 'a', idTagInfo: { status: 'Blocked' } }]],
    ['duplicate idTags in a Differential update', 'CP-LL-DUP-DIFF', 'Differential', [{ idTag: 'DUP-TAG', idTagInfo: { status: 'Accepted' } }, { idTag: 'dup-tag' }]],
    ['a Full entry without idTagInfo', 'CP-LL-NOINFO', 'Full', [{ idTag: 'F', idTagInfo: { status: 'Accepted' } }, { idTag: 'G' }]],
  ])('refuses a SendLocalList with %s before sending or recording anything', async (_name, id, updateType, localAuthorizationList) => {
    const { received } = await station(id, { SendLocalList: () => ({ status: 'Accepted' }) });
    expect(await api.errorCode(SEND, { input: { chargePointId: id, updateType, localAuthorizationList } })).toBe('BAD_USER_INPUT');
    expect(received.SendLocalList).toBeUndefined();
    expect((await api.data(`query($id: ID!) { commands(filter: { chargePointId: $id }) { edges { node { id } } } }`, { id })).commands.edges.map((e: any) => e.node)).toEqual([]);
    expect((await api.data(LIST, { id })).localAuthorizationList).toEqual({ chargePointId: id, listVersion: null, entries: [] });
  });

  it('answers NOT_FOUND for an unknown charge point', async () => {
    expect(await api.errorCode(LIST, { id: 'NOPE' })).toBe('NOT_FOUND');
  });

  it('pushes an id tag change to every local list: upserted to each charge point holding a list, deleted from those holding it', async () => {
    // A tenant of its own: the other cases' charge points hold lists too.
    const own = await seedTenant(server);
    const api = graphqlClient(server, own.ownerKey);
    const station = async (id: string, answers: Record<string, (params: any) => any>) => {
      const s = await bootedStation(server, own, id, answers);
      clients.push(s.cp);
      return s;
    };
    const full = (id: string, tags: string[]) =>
      api.data(SEND, { input: { chargePointId: id, updateType: 'Full', localAuthorizationList: tags.map((idTag) => ({ idTag, idTagInfo: { status: 'Accepted' } })) } });
    const a = await station('CP-PUSH-A', { SendLocalList: () => ({ status: 'Accepted' }) });
    const b = await station('CP-PUSH-B', { SendLocalList: () => ({ status: 'Accepted' }) });
    const none = await station('CP-PUSH-NONE', { SendLocalList: () => ({ status: 'Accepted' }) });
    await full('CP-PUSH-A', ['PUSH-OLD']);
    await full('CP-PUSH-B', ['OTHER-ONLY']);
    const UPSERT = `mutation($input: UpsertIdTagInput!) { upsertIdTag(input: $input) { idTag { idTag } localListCommands { id status action } } }`;
    // Without the flag nothing is pushed.
    expect((await api.data(UPSERT, { input: { idTag: 'PUSH-NEW' } })).upsertIdTag.localListCommands).toEqual([]);
    const pushed = (await api.data(UPSERT, { input: { idTag: 'PUSH-NEW', status: 'Blocked', pushToLocalLists: true } })).upsertIdTag.localListCommands;
    expect(pushed).toHaveLength(2);
    expect(pushed.every((c: any) => c.action === 'SendLocalList')).toBe(true);
    const entries = async (id: string) => (await api.data(LIST, { id })).localAuthorizationList;
    await eventually(async () => (await entries('CP-PUSH-A')).listVersion === 2 && (await entries('CP-PUSH-B')).listVersion === 2);
    expect(a.received.SendLocalList[1]).toEqual({ listVersion: 2, updateType: 'Differential', localAuthorizationList: [{ idTag: 'PUSH-NEW', idTagInfo: { status: 'Blocked' } }] });
    expect((await entries('CP-PUSH-A')).entries.map((e: any) => [e.idTag, e.idTagInfo?.status])).toEqual([['PUSH-NEW', 'Blocked'], ['PUSH-OLD', 'Accepted']]);
    expect((await entries('CP-PUSH-B')).entries.map((e: any) => e.idTag)).toEqual(['OTHER-ONLY', 'PUSH-NEW']);
    expect(none.received.SendLocalList ?? []).toEqual([]);

    // Deleted: removed only where a list holds it.
    await api.data(`mutation { upsertIdTag(input: { idTag: "PUSH-OLD" }) { idTag { idTag } } }`);
    const removal = (await api.data(`mutation { deleteIdTag(input: { idTag: "push-old", pushToLocalLists: true }) { deleted localListCommands { id } } }`)).deleteIdTag;
    expect(removal.localListCommands).toHaveLength(1);
    await eventually(async () => (await entries('CP-PUSH-A')).listVersion === 3);
    // Removed as the list spells it.
    expect(a.received.SendLocalList[2]).toEqual({ listVersion: 3, updateType: 'Differential', localAuthorizationList: [{ idTag: 'PUSH-OLD' }] });
    expect((await entries('CP-PUSH-A')).entries.map((e: any) => e.idTag)).toEqual(['PUSH-NEW']);
    expect(b.received.SendLocalList).toHaveLength(2);
  });

  it('gives queued pushes to one charge point increasing list versions', async () => {
    const own = await seedTenant(server);
    const api = graphqlClient(server, own.ownerKey);
    await own.chargePoint('CP-PUSH-OFF');
    // The CSMS believes this offline charge point holds version 4.
    await tenantEm(server.app.orm, own.tenantId).nativeUpdate(ChargePoint, { identity: 'CP-PUSH-OFF' }, { localListVersion: 4 });
    const UPSERT = `mutation($input: UpsertIdTagInput!) { upsertIdTag(input: $input) { localListCommands { request chargePointId } } }`;
    const first = (await api.data(UPSERT, { input: { idTag: 'PUSH-Q1', pushToLocalLists: true } })).upsertIdTag.localListCommands;
    const second = (await api.data(UPSERT, { input: { idTag: 'PUSH-Q2', pushToLocalLists: true } })).upsertIdTag.localListCommands;
    expect([...first, ...second].map((c: any) => [c.chargePointId, c.request.listVersion])).toEqual([['CP-PUSH-OFF', 5], ['CP-PUSH-OFF', 6]]);
    // Made at the same moment, they still get versions of their own.
    const together = await Promise.all(['PUSH-Q3', 'PUSH-Q4', 'PUSH-Q5'].map((idTag) => api.data(UPSERT, { input: { idTag, pushToLocalLists: true } })));
    expect(together.map((d: any) => d.upsertIdTag.localListCommands[0].request.listVersion).sort()).toEqual([7, 8, 9]);
  });

  it('delivers the pushes queued for an offline charge point in list-version order when it connects', async () => {
    const own = await seedTenant(server);
    const api = graphqlClient(server, own.ownerKey);
    await own.chargePoint('CP-PUSH-ORDER');
    await tenantEm(server.app.orm, own.tenantId).nativeUpdate(ChargePoint, { identity: 'CP-PUSH-ORDER' }, { localListVersion: 1 });
    const UPSERT = `mutation($input: UpsertIdTagInput!) { upsertIdTag(input: $input) { localListCommands { id } } }`;
    for (const idTag of ['ORD-1', 'ORD-2', 'ORD-3', 'ORD-4']) await api.data(UPSERT, { input: { idTag, pushToLocalLists: true } });
    const versions: number[] = [];
    const cp = await connectChargePoint({ server, tenantSlug: own.slug, identity: 'CP-PUSH-ORDER' });
    clients.push(cp);
    cp.handle('SendLocalList', ({ params }: { params: any }) => (versions.push(params.listVersion), { status: 'Accepted' }));
    await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' });
    await eventually(async () => versions.length === 4, 20_000);
    expect(versions).toEqual([2, 3, 4, 5]);
    // The last answer is stored after the charge point sent it: polled.
    await eventually(async () => (await api.data(LIST, { id: 'CP-PUSH-ORDER' })).localAuthorizationList.listVersion === 5, 10_000);
  });
});
