import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { apiTenant, graphqlClient, subscribe, subscriptionsOpen, wsClient, type GraphQLClient, type Subscription } from './support/graphql-client';
import { makeCa, type TestCa } from './support/certificates';
import { ADMIN_KEY, startTestServer, waitFor } from './support/harness';

/**
 * Tenant isolation, for every root field of schema.graphql (read from the file, so a new field without a
 * row in FIELDS fails this test): tenant B's key on tenant A's objects finds nothing, a VIEWER key is
 * refused every mutation, the admin key is refused every tenant field, and one charge point id in two
 * tenants stays two charge points (commands, events, transactions).
 */
type Kind = 'query' | 'mutation' | 'subscription';
interface Ids {
  cp: string;
  tag: string;
  transactionId: number;
  commandId: string;
  reservationId: number;
  keyId: string;
  groupId: string;
  firmwareFileId: string;
  webhookId: string;
}
interface Row {
  /** The field with its arguments and a selection that would show A's data if it leaked. */
  call: (a: Ids) => string;
  /** What B's key gets on A's object: NOT_FOUND (the default for mutations), or it acts in B's own tenant. */
  b?: 'NOT_FOUND' | 'OWN_TENANT' | 'FORBIDDEN';
  /** Platform admin field. */
  admin?: true;
}

/** A public address (no DNS needed); its webhooks want SECURITY_EVENT, which this test never makes. */
const PUBLIC_HOOK = 'https://93.184.216.34';
const FUTURE = '"2099-01-01T00:00:00Z"';
const PROFILE = `{ stackLevel: 0, chargingProfilePurpose: TxDefaultProfile, chargingProfileKind: Absolute, chargingSchedule: { chargingRateUnit: A, chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] } }`;
const cmd = (name: string, args = '') => (a: Ids) => `${name}(input: { chargePointId: "${a.cp}" ${args} }) { __typename }`;

const FIELDS: Record<string, Row> = {
  'Query.tenants': { call: () => `tenants { edges { node { id slug } } }`, admin: true },
  'Query.me': { call: () => `me { id slug }` },
  'Query.apiKeys': { call: () => `apiKeys { edges { node { id name } } }` },
  'Query.chargePoint': { call: (a) => `chargePoint(id: "${a.cp}") { id connected }` },
  'Query.chargePoints': { call: () => `chargePoints { totalCount edges { node { id } } }` },
  'Query.idTags': { call: () => `idTags { edges { node { idTag } } }` },
  'Query.transaction': { call: (a) => `transaction(id: ${a.transactionId}) { id chargePointId idTag }` },
  'Query.transactions': { call: (a) => `transactions(filter: { chargePointId: "${a.cp}" }) { totalCount edges { node { id chargePointId idTag } } }` },
  'Query.reservations': { call: (a) => `reservations(filter: { chargePointId: "${a.cp}" }) { edges { node { id chargePointId idTag } } }` },
  'Query.chargingProfiles': { call: (a) => `chargingProfiles(chargePointId: "${a.cp}") { edges { node { chargePointId chargingProfileId } } }` },
  'Query.localAuthorizationList': { call: (a) => `localAuthorizationList(chargePointId: "${a.cp}") { chargePointId listVersion entries { idTag } }` },
  'Query.diagnosticsFiles': { call: (a) => `diagnosticsFiles(chargePointId: "${a.cp}") { edges { node { id chargePointId } } }` },
  'Query.firmwareFiles': { call: () => `firmwareFiles { edges { node { id fileName } } }` },
  'Mutation.deleteFirmwareFile': { call: (a) => `deleteFirmwareFile(input: { id: "${a.firmwareFileId}" }) { id deleted }` },
  'Query.firmwareStatusHistory': { call: (a) => `firmwareStatusHistory(chargePointId: "${a.cp}") { edges { node { status } } }` },
  'Query.diagnosticsStatusHistory': { call: (a) => `diagnosticsStatusHistory(chargePointId: "${a.cp}") { edges { node { status } } }` },
  'Query.command': { call: (a) => `command(id: "${a.commandId}") { id chargePointId }` },
  'Query.commands': { call: (a) => `commands(filter: { chargePointId: "${a.cp}" }) { edges { node { id chargePointId } } }` },
  'Query.chargingGroups': { call: () => `chargingGroups { edges { node { id name chargePointIds allocations { chargePointId } } } }` },
  'Query.events': { call: () => `events(first: 1000) { edges { node { id chargePointId payload } } }` },
  'Query.webhooks': { call: () => `webhooks { edges { node { id url } } }` },
  'Query.webhookDeliveries': { call: (a) => `webhookDeliveries(webhookId: "${a.webhookId}") { edges { node { id eventId } } }` },
  'Query.expectedCompositeSchedule': { call: (a) => `expectedCompositeSchedule(chargePointId: "${a.cp}", connectorId: 1, duration: 60) { chargingRateUnit }` },

  'Mutation.importChargePoints': { call: () => `importChargePoints(input: { chargePoints: [{ id: "CP-B-IMPORTED" }] }) { imported }`, b: 'OWN_TENANT' },
  'Mutation.importIdTags': { call: () => `importIdTags(input: { idTags: [{ idTag: "TAG-B-IMPORTED" }] }) { imported }`, b: 'OWN_TENANT' },
  'Mutation.createWebhook': { call: () => `createWebhook(input: { url: "${PUBLIC_HOOK}/b", eventTypes: [SECURITY_EVENT] }) { webhook { id } }`, b: 'OWN_TENANT' },
  'Mutation.updateWebhook': { call: (a) => `updateWebhook(input: { id: "${a.webhookId}", enabled: false }) { webhook { id } }` },
  'Mutation.deleteWebhook': { call: (a) => `deleteWebhook(input: { id: "${a.webhookId}" }) { id }` },
  'Mutation.redeliverWebhookEvent': { call: () => `redeliverWebhookEvent(input: { deliveryId: "00000000-0000-4000-8000-000000000000" }) { delivery { id } }` },
  'Mutation.createTenant': { call: () => `createTenant(input: { slug: "iso-x", name: "x" }) { apiKey }`, admin: true, b: 'FORBIDDEN' },
  'Mutation.createApiKey': { call: () => `createApiKey(input: { name: "b", role: VIEWER }) { apiKey { id } }`, b: 'OWN_TENANT' },
  'Mutation.revokeApiKey': { call: (a) => `revokeApiKey(input: { id: "${a.keyId}" }) { apiKey { id } }` },
  'Mutation.createChargePoint': { call: () => `createChargePoint(input: { id: "CP-B-OWN" }) { chargePoint { id } }`, b: 'OWN_TENANT' },
  'Mutation.updateChargePoint': { call: (a) => `updateChargePoint(input: { id: "${a.cp}", registrationStatus: Rejected }) { chargePoint { id } }` },
  'Mutation.deleteChargePoint': { call: (a) => `deleteChargePoint(input: { id: "${a.cp}" }) { deleted }` },
  'Mutation.upsertIdTag': { call: () => `upsertIdTag(input: { idTag: "TAG-B-OWN" }) { idTag { idTag } }`, b: 'OWN_TENANT' },
  'Mutation.deleteIdTag': { call: (a) => `deleteIdTag(input: { idTag: "${a.tag}" }) { deleted }` },
  'Mutation.cancelReservation': { call: (a) => cmd('cancelReservation', `reservationId: ${a.reservationId}`)(a) },
  'Mutation.changeAvailability': { call: cmd('changeAvailability', 'connectorId: 0, type: Inoperative') },
  'Mutation.changeConfiguration': { call: cmd('changeConfiguration', 'key: "HeartbeatInterval", value: "60"') },
  'Mutation.clearCache': { call: cmd('clearCache') },
  'Mutation.clearChargingProfile': { call: cmd('clearChargingProfile') },
  'Mutation.dataTransfer': { call: cmd('dataTransfer', 'vendorId: "x"') },
  'Mutation.getCompositeSchedule': { call: cmd('getCompositeSchedule', 'connectorId: 1, duration: 60') },
  'Mutation.getConfiguration': { call: cmd('getConfiguration') },
  'Mutation.getDiagnostics': { call: cmd('getDiagnostics') },
  'Mutation.getLocalListVersion': { call: cmd('getLocalListVersion') },
  'Mutation.remoteStartTransaction': { call: (a) => cmd('remoteStartTransaction', `idTag: "${a.tag}"`)(a) },
  'Mutation.remoteStopTransaction': { call: (a) => cmd('remoteStopTransaction', `transactionId: ${a.transactionId}`)(a) },
  'Mutation.reserveNow': { call: (a) => cmd('reserveNow', `connectorId: 1, expiryDate: ${FUTURE}, idTag: "${a.tag}"`)(a) },
  'Mutation.reset': { call: cmd('reset', 'type: Hard') },
  'Mutation.sendLocalList': { call: cmd('sendLocalList', 'updateType: Full, localAuthorizationList: []') },
  'Mutation.setChargingProfile': { call: cmd('setChargingProfile', `connectorId: 1, csChargingProfiles: ${PROFILE}`) },
  'Mutation.triggerMessage': { call: cmd('triggerMessage', 'requestedMessage: Heartbeat') },
  'Mutation.unlockConnector': { call: cmd('unlockConnector', 'connectorId: 1') },
  'Mutation.updateFirmware': { call: cmd('updateFirmware', `location: "https://example.com/fw.bin", retrieveDate: ${FUTURE}`) },
  'Mutation.rotateChargePointPassword': { call: cmd('rotateChargePointPassword') },
  'Query.certificateAuthority': { call: () => `certificateAuthority { fingerprintSha256 }` },
  'Query.chargePointCertificates': { call: (a) => `chargePointCertificates(chargePointId: "${a.cp}") { edges { node { serialNumber } } }` },
  'Query.securityEvents': { call: (a) => `securityEvents(filter: { chargePointId: "${a.cp}" }) { edges { node { chargePointId type } } }` },
  'Mutation.setCertificateAuthority': {
    call: () => `setCertificateAuthority(input: { certificate: ${JSON.stringify(ownCa.certificatePem)}, privateKey: ${JSON.stringify(ownCa.keyPem)} }) { certificateAuthority { fingerprintSha256 } }`,
    b: 'OWN_TENANT',
  },
  'Mutation.revokeChargePointCertificate': { call: (a) => `revokeChargePointCertificate(input: { chargePointId: "${a.cp}", serialNumber: "01" }) { certificate { serialNumber } }` },
  'Mutation.certificateSigned': { call: cmd('certificateSigned', `certificateChain: "x"`) },
  'Mutation.deleteCertificate': { call: cmd('deleteCertificate', `certificateHashData: { hashAlgorithm: SHA256, issuerNameHash: "a", issuerKeyHash: "b", serialNumber: "1" }`) },
  'Mutation.extendedTriggerMessage': { call: cmd('extendedTriggerMessage', `requestedMessage: Heartbeat`) },
  'Mutation.getInstalledCertificateIds': { call: cmd('getInstalledCertificateIds', `certificateType: CentralSystemRootCertificate`) },
  'Mutation.getLog': { call: cmd('getLog', `logType: SecurityLog, log: {}`) },
  'Mutation.installCertificate': { call: cmd('installCertificate', `certificateType: CentralSystemRootCertificate, certificate: "x"`) },
  'Mutation.signedUpdateFirmware': {
    call: cmd('signedUpdateFirmware', `firmware: { location: "https://example.com/fw.bin", retrieveDateTime: ${FUTURE}, signingCertificate: "x", signature: "y" }`),
  },
  'Mutation.createChargingGroup': { call: (a) => `createChargingGroup(input: { name: "iso-b", maxCurrent: 32, chargePointIds: ["${a.cp}"] }) { chargingGroup { id } }` },
  'Mutation.updateChargingGroup': { call: (a) => `updateChargingGroup(input: { id: "${a.groupId}", maxCurrent: 1 }) { chargingGroup { id } }` },
  'Mutation.deleteChargingGroup': { call: (a) => `deleteChargingGroup(input: { id: "${a.groupId}" }) { deleted }` },

  'Subscription.ocppMessages': { call: (a) => `ocppMessages(chargePointId: "${a.cp}") { chargePointId action }` },
  'Subscription.chargePointConnectionChanged': { call: (a) => `chargePointConnectionChanged(chargePointId: "${a.cp}") { chargePointId }` },
  'Subscription.connectorStatusChanged': { call: (a) => `connectorStatusChanged(chargePointId: "${a.cp}") { chargePointId }` },
  'Subscription.transactionUpdated': { call: (a) => `transactionUpdated(chargePointId: "${a.cp}") { id chargePointId }` },
  'Subscription.commandUpdated': { call: (a) => `commandUpdated(chargePointId: "${a.cp}") { id chargePointId }` },
  'Subscription.events': { call: (a) => `events(chargePointId: "${a.cp}") { id chargePointId }` },
};

function schemaFields(): Array<{ kind: Kind; name: string; key: string }> {
  const schema = buildSchema(readFileSync(path.resolve(__dirname, '../schema.graphql'), 'utf8'));
  const roots: Array<[Kind, GraphQLObjectType | null | undefined]> = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([kind, type]) => Object.keys(type?.getFields() ?? {}).map((name) => ({ kind, name, key: `${type!.name}.${name}` })));
}

let server: RunningServer;
/** A CA tenant B sets for itself (setCertificateAuthority acts in the caller's own tenant). */
let ownCa: TestCa;
let a: Awaited<ReturnType<typeof apiTenant>>;
let b: Awaited<ReturnType<typeof apiTenant>>;
let ids: Ids;
let markers: string[];
let chargerA: RPCClient;
const callsToA: string[] = [];
const clients: RPCClient[] = [];

async function charger(tenantSlug: string, identity: string, calls: string[]): Promise<RPCClient> {
  const client = new RPCClient({ endpoint: `ws://127.0.0.1:${server.ocppPort}/ocpp/${tenantSlug}`, identity, protocols: ['ocpp1.6'], strictMode: true, reconnect: false });
  for (const action of ['ClearCache', 'ReserveNow', 'Reset']) {
    client.handle(action, () => (calls.push(action), { status: 'Accepted' }));
  }
  await client.connect();
  await client.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Iso' });
  clients.push(client);
  return client;
}

/** Runs a field as the given client; subscriptions over graphql-ws. */
function run(client: GraphQLClient, kind: Exclude<Kind, 'subscription'>, call: string) {
  return client.request(`${kind} { ${call} }`);
}

beforeAll(async () => {
  ownCa = await makeCa('Tenant B own CA');
  server = await startTestServer();
  [a, b] = await Promise.all([apiTenant(server), apiTenant(server)]);
  await a.chargePoint('CP-A-ONLY');
  await a.owner.data(`mutation { upsertIdTag(input: { idTag: "TAG-A-ONLY" }) { idTag { idTag } } }`);
  chargerA = await charger(a.slug, 'CP-A-ONLY', callsToA);
  const start = await chargerA.call('StartTransaction', { connectorId: 1, idTag: 'TAG-A-ONLY', meterStart: 0, timestamp: new Date().toISOString() });
  const { clearCache } = await a.owner.data(`mutation { clearCache(input: { chargePointId: "CP-A-ONLY" }) { command { id } } }`);
  const { reserveNow } = await a.owner.data(`mutation { reserveNow(input: { chargePointId: "CP-A-ONLY", connectorId: 2, expiryDate: ${FUTURE}, idTag: "TAG-A-ONLY" }) { reservationId } }`);
  const { apiKeys } = await a.owner.data(`{ apiKeys { edges { node { id } } } }`);
  const { me } = await a.owner.data(`{ me { id } }`);
  const { createWebhook } = await a.owner.data(`mutation { createWebhook(input: { url: "${PUBLIC_HOOK}/a", eventTypes: [SECURITY_EVENT] }) { webhook { id } } }`);
  const { createChargingGroup } = await a.owner.data(`mutation { createChargingGroup(input: { name: "site A", maxCurrent: 32, chargePointIds: ["CP-A-ONLY"] }) { chargingGroup { id } } }`);
  const upload = await fetch(`http://127.0.0.1:${server.apiPort}/files/firmware/fw-a-only.bin`, { method: 'PUT', body: 'image of A', headers: { authorization: `Bearer ${a.ownerKey}` } });
  expect(upload.status).toBe(201);
  const firmwareFile = (await upload.json()) as { id: string };
  ids = {
    firmwareFileId: firmwareFile.id,
    cp: 'CP-A-ONLY',
    tag: 'TAG-A-ONLY',
    transactionId: start.transactionId,
    commandId: clearCache.command.id,
    reservationId: reserveNow.reservationId,
    keyId: apiKeys.edges[0].node.id,
    groupId: createChargingGroup.chargingGroup.id,
    webhookId: createWebhook.webhook.id,
  };
  markers = [me.id, a.slug, ids.cp, ids.tag, ids.commandId, ids.keyId, ids.groupId, ids.firmwareFileId, ids.webhookId];
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => undefined)));
  await server.stop();
});

it('has a row for every Query, Mutation and Subscription field of schema.graphql, and no stale rows', () => {
  const keys = schemaFields().map((f) => f.key);
  expect(keys.filter((key) => !FIELDS[key])).toEqual([]);
  expect(Object.keys(FIELDS).filter((key) => !keys.includes(key))).toEqual([]);
});

it("tenant B's key finds none of tenant A's objects, through any query or mutation", async () => {
  callsToA.length = 0;
  const outcomes: string[] = [];
  for (const field of schemaFields().filter((f) => f.kind !== 'subscription')) {
    const row = FIELDS[field.key];
    if (!row) continue;
    const result = await run(b.owner, field.kind as 'query' | 'mutation', row.call(ids));
    const code = result.errors?.[0]?.extensions?.code;
    const data = JSON.stringify(result.data ?? null);
    const leaked = markers.filter((m) => data.includes(m));
    const expected = row.admin ? 'FORBIDDEN' : (row.b ?? (field.kind === 'query' ? 'NOT_FOUND or nothing of A' : 'NOT_FOUND'));
    let held: boolean;
    if (row.admin) held = code === 'FORBIDDEN';
    else if (row.b === 'OWN_TENANT') held = !code && leaked.length === 0;
    else if (field.kind === 'query') held = (code === 'NOT_FOUND' || !code) && leaked.length === 0;
    else held = code === 'NOT_FOUND';
    outcomes.push(`${field.key}: ${code ?? 'data'}${leaked.length ? ` LEAKED ${leaked}` : ''}${held ? '' : ` (expected ${expected})`}`);
  }
  console.log(`isolation-matrix, tenant B on tenant A's objects:\n${outcomes.join('\n')}`);
  expect(outcomes.filter((o) => o.includes(' (expected ') || o.includes('LEAKED'))).toEqual([]);
  // Nothing reached A's charger and A's objects are as they were.
  expect(callsToA).toEqual([]);
  const { chargePoint } = await a.owner.data(`{ chargePoint(id: "CP-A-ONLY") { id registrationStatus } }`);
  expect(chargePoint.registrationStatus).toBe('Accepted');
  expect((await a.owner.data(`{ idTags { edges { node { idTag } } } }`)).idTags.edges.map((e: any) => e.node)).toEqual([{ idTag: 'TAG-A-ONLY' }]);
  expect((await a.owner.data(`{ me { id } }`)).me.id).toBe(markers[0]);
  // And A, with the same fields, does see its objects (the matrix asks about real objects).
  for (const key of ['Query.chargePoint', 'Query.transaction', 'Query.command', 'Query.reservations', 'Query.transactions']) {
    expect(JSON.stringify((await a.owner.data(`query { ${FIELDS[key].call(ids)} }`)))).toContain('CP-A-ONLY');
  }
}, 60_000);

it('refuses every mutation to a VIEWER key, and every tenant field to the admin key', async () => {
  const viewer = graphqlClient(server, await a.keyFor('VIEWER'));
  const admin = graphqlClient(server, ADMIN_KEY);
  callsToA.length = 0;
  const wrong: string[] = [];
  for (const field of schemaFields()) {
    const row = FIELDS[field.key];
    if (!row || field.kind === 'subscription') continue;
    if (field.kind === 'mutation') {
      const code = (await run(viewer, 'mutation', row.call(ids))).errors?.[0]?.extensions?.code;
      if (code !== 'FORBIDDEN') wrong.push(`VIEWER ${field.key}: ${code}`);
    }
    if (!row.admin) {
      const code = (await run(admin, field.kind as 'query' | 'mutation', row.call(ids))).errors?.[0]?.extensions?.code;
      if (code !== 'FORBIDDEN') wrong.push(`admin ${field.key}: ${code}`);
    }
  }
  // Subscriptions: the admin key is refused each one.
  const adminWs = wsClient(server, ADMIN_KEY);
  for (const field of schemaFields().filter((f) => f.kind === 'subscription')) {
    const sub = subscribe(adminWs, `subscription { ${FIELDS[field.key].call(ids)} }`);
    await waitFor(() => sub.errors.length > 0 || sub.completed, 5000).catch(() => undefined);
    if (sub.errors[0]?.extensions?.code !== 'FORBIDDEN') wrong.push(`admin ${field.key}: ${JSON.stringify(sub.errors[0] ?? null)}`);
  }
  await adminWs.dispose();
  expect(wrong).toEqual([]);
  expect(callsToA).toEqual([]);
}, 60_000);

it("tenant B's subscriptions, filtered on A's charge point id or not, get none of A's events", async () => {
  const bWs = wsClient(server, b.ownerKey);
  const aWs = wsClient(server, a.ownerKey);
  const bSubs: Subscription[] = [];
  const aSubs: Record<string, Subscription> = {};
  for (const field of schemaFields().filter((f) => f.kind === 'subscription')) {
    const call = FIELDS[field.key].call(ids);
    bSubs.push(subscribe(bWs, `subscription { ${call} }`));
    bSubs.push(subscribe(bWs, `subscription { ${call.replace(/\(chargePointId: "[^"]+"\)/, '')} }`));
    aSubs[field.name] = subscribe(aWs, `subscription { ${call} }`);
  }
  await subscriptionsOpen(b.tenantId, bSubs.length);
  await subscriptionsOpen(a.tenantId, Object.keys(aSubs).length);

  // A's charger: reconnect, status, meter values and stop, and a command.
  const again = await charger(a.slug, 'CP-A-ONLY', callsToA);
  await again.call('StatusNotification', { connectorId: 1, status: 'Finishing', errorCode: 'NoError' });
  await again.call('StopTransaction', { transactionId: ids.transactionId, meterStop: 10, timestamp: new Date().toISOString() });
  await a.owner.data(`mutation { clearCache(input: { chargePointId: "CP-A-ONLY" }) { status } }`);
  // A got each kind of event (so they were published), B got none.
  for (const sub of Object.values(aSubs)) await sub.received(1);
  await new Promise((r) => setTimeout(r, 300));
  expect(bSubs.map((s) => s.events.length)).toEqual(bSubs.map(() => 0));
  expect(bSubs.flatMap((s) => s.errors)).toEqual([]);
  await Promise.all([bWs.dispose(), aWs.dispose()]);
}, 30_000);

it('one charge point id in two tenants: commands, events and transactions never cross', async () => {
  await a.chargePoint('CP-SAME');
  await b.chargePoint('CP-SAME');
  await a.owner.data(`mutation { upsertIdTag(input: { idTag: "TAG-SAME" }) { idTag { idTag } } }`);
  await b.owner.data(`mutation { upsertIdTag(input: { idTag: "TAG-SAME" }) { idTag { idTag } } }`);
  const callsA: string[] = [];
  const callsB: string[] = [];
  const aWs = wsClient(server, a.ownerKey);
  const aEvents = subscribe(aWs, `subscription { transactionUpdated(chargePointId: "CP-SAME") { id chargePointId } }`);
  const aCommands = subscribe(aWs, `subscription { commandUpdated { id chargePointId } }`);
  await subscriptionsOpen(a.tenantId, 2);
  const sameA = await charger(a.slug, 'CP-SAME', callsA);
  const sameB = await charger(b.slug, 'CP-SAME', callsB);

  // A command from each tenant reaches that tenant's charger only.
  await b.owner.data(`mutation { reset(input: { chargePointId: "CP-SAME", type: Soft }) { status } }`);
  expect(callsB).toEqual(['Reset']);
  expect(callsA).toEqual([]);
  await a.owner.data(`mutation { clearCache(input: { chargePointId: "CP-SAME" }) { status } }`);
  expect(callsA).toEqual(['ClearCache']);
  expect(callsB).toEqual(['Reset']);

  // The same id tag on the same charge point id, at the same time, in both tenants: two transactions.
  const timestamp = new Date().toISOString();
  const txB = await sameB.call('StartTransaction', { connectorId: 1, idTag: 'TAG-SAME', meterStart: 0, timestamp });
  const txA = await sameA.call('StartTransaction', { connectorId: 1, idTag: 'TAG-SAME', meterStart: 0, timestamp });
  expect(txA.idTagInfo.status).toBe('Accepted');
  expect(txB.idTagInfo.status).toBe('Accepted');
  expect(txA.transactionId).not.toBe(txB.transactionId);
  await aEvents.received(1);
  await new Promise((r) => setTimeout(r, 200));
  expect(aEvents.events.map((e) => e.transactionUpdated.id)).toEqual([txA.transactionId]);
  expect(await b.owner.errorCode(`{ transaction(id: ${txA.transactionId}) { id } }`)).toBe('NOT_FOUND');
  const listed = await a.owner.data(`{ transactions(filter: { chargePointId: "CP-SAME" }) { edges { node { id } } } }`);
  expect(listed.transactions.edges.map((e: any) => e.node.id)).toEqual([txA.transactionId]);
  // B stopping A's transaction id from B's charger does not touch A's transaction.
  await sameB.call('StopTransaction', { transactionId: txA.transactionId, meterStop: 5, timestamp: new Date().toISOString() });
  expect((await a.owner.data(`{ transaction(id: ${txA.transactionId}) { stopTimestamp } }`)).transaction.stopTimestamp).toBeNull();
  expect(aCommands.events.every((e) => e.commandUpdated.chargePointId === 'CP-SAME')).toBe(true);
  const bCommandIds = (await b.owner.data(`{ commands(filter: { chargePointId: "CP-SAME" }) { edges { node { id } } } }`)).commands.edges.map((e: any) => e.node).map((c: any) => c.id);
  expect(aCommands.events.some((e) => bCommandIds.includes(e.commandUpdated.id))).toBe(false);
  await aWs.dispose();
}, 30_000);
