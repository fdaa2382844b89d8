import type { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { connectChargePoint, eventually, startTestServer } from './support/harness';
import { seedTenant } from './support/seed';
import { makeCa } from './support/certificates';

/**
 * The security extension's messages through a real ocpp-rpc charge point (strict mode, so every frame
 * both ways is held to the schemas): SecurityEventNotification, LogStatusNotification,
 * SignedFirmwareStatusNotification, and the CSMS's command mutations for the extension's calls.
 */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let api: GraphQLClient;
let cp: RPCClient;
const received: Record<string, any[]> = {};

beforeAll(async () => {
  server = await startTestServer();
  // The API port is only known once listening (tests use port 0); PUBLIC_API_URL defaults to API_PORT.
  server.app.config.publicApiUrl = `http://127.0.0.1:${server.apiPort}`;
  tenant = await seedTenant(server);
  api = graphqlClient(server, tenant.ownerKey);
  await tenant.chargePoint('CP-SEC');
  cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-SEC' });
  const answers: Record<string, (params: any) => Record<string, unknown>> = {
    CertificateSigned: () => ({ status: 'Accepted' }),
    InstallCertificate: () => ({ status: 'Accepted' }),
    DeleteCertificate: () => ({ status: 'NotFound' }),
    GetInstalledCertificateIds: () => ({
      status: 'Accepted',
      certificateHashData: [{ hashAlgorithm: 'SHA256', issuerNameHash: 'aa', issuerKeyHash: 'bb', serialNumber: '01' }],
    }),
    ExtendedTriggerMessage: () => ({ status: 'Accepted' }),
    GetLog: () => ({ status: 'Accepted', filename: 'security.log' }),
    SignedUpdateFirmware: () => ({ status: 'Accepted' }),
  };
  for (const [action, answer] of Object.entries(answers)) {
    cp.handle(action, ({ params }: any) => {
      (received[action] ??= []).push(params);
      return answer(params);
    });
  }
  await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Sec' });
}, 30_000);

afterAll(async () => {
  await cp?.close({ force: true });
  await server?.stop();
});

describe('charge-point-initiated', () => {
  it('stores SecurityEventNotification; securityEvents filters by type and pages as a Relay connection', async () => {
    const at = '2026-01-02T03:04:05.000Z';
    expect(await cp.call('SecurityEventNotification', { type: 'FirmwareUpdated', timestamp: at })).toEqual({});
    expect(await cp.call('SecurityEventNotification', { type: 'TamperDetectionActivated', timestamp: at, techInfo: 'lid open' })).toEqual({});
    const query = `query($f: SecurityEventFilter, $after: String) { securityEvents(filter: $f, first: 1, after: $after) { totalCount edges { cursor node { chargePointId type timestamp techInfo source } } pageInfo { hasNextPage endCursor } } }`;
    const first = (await api.data(query, { f: { chargePointId: 'CP-SEC' } })).securityEvents;
    expect(first.totalCount).toBe(2);
    expect(first.edges[0].node).toEqual({ chargePointId: 'CP-SEC', type: 'FirmwareUpdated', timestamp: at, techInfo: null, source: 'CHARGE_POINT' });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await api.data(query, { f: { chargePointId: 'CP-SEC' }, after: first.pageInfo.endCursor })).securityEvents;
    expect(second.edges.map((e: any) => e.node.techInfo)).toEqual(['lid open']);
    const filtered = (await api.data(query, { f: { type: 'TamperDetectionActivated' } })).securityEvents;
    expect(filtered.edges.map((e: any) => e.node.type)).toEqual(['TamperDetectionActivated']);
    // Another tenant sees none of them.
    const other = await seedTenant(server);
    expect((await graphqlClient(server, other.ownerKey).data(query, {})).securityEvents.totalCount).toBe(0);
  });

  it('keeps LogStatusNotification as ChargePoint.logStatus and the signed firmware statuses as firmwareStatus', async () => {
    expect(await cp.call('LogStatusNotification', { status: 'Uploading', requestId: 42 })).toEqual({});
    expect(await cp.call('SignedFirmwareStatusNotification', { status: 'InvalidSignature', requestId: 7 })).toEqual({});
    const data = await api.data(`{ chargePoint(id: "CP-SEC") { logStatus { status requestId updatedAt } firmwareStatus } }`);
    expect(data.chargePoint.logStatus).toMatchObject({ status: 'Uploading', requestId: 42 });
    expect(data.chargePoint.firmwareStatus).toBe('InvalidSignature');
    const history = await api.data(`{ firmwareStatusHistory(chargePointId: "CP-SEC", first: 100) { edges { node { status } } } }`);
    expect(history.firmwareStatusHistory.edges.map((e: any) => e.node.status)).toContain('InvalidSignature');
  });
});

describe('command mutations', () => {
  it('getLog without requestId or remoteLocation: the CSMS assigns both and returns them', async () => {
    const { getLog } = await api.data(`mutation { getLog(input: {chargePointId: "CP-SEC", logType: SecurityLog, log: {}}) { messageId status filename requestId remoteLocation command { status } } }`);
    expect(getLog).toMatchObject({ status: 'Accepted', filename: 'security.log', command: { status: 'COMPLETED' } });
    expect(Number.isInteger(getLog.requestId)).toBe(true);
    expect(getLog.remoteLocation).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.apiPort}/uploads/diagnostics/`));
    const sent = received.GetLog.at(-1);
    expect(sent).toMatchObject({ logType: 'SecurityLog', requestId: getLog.requestId, log: { remoteLocation: getLog.remoteLocation } });
    // The upload URL takes the file.
    const upload = await fetch(getLog.remoteLocation, { method: 'PUT', body: 'log line\n' });
    expect(upload.status).toBeLessThan(300);
    const second = await api.data(`mutation { getLog(input: {chargePointId: "CP-SEC", logType: DiagnosticsLog, requestId: 5, log: {remoteLocation: "ftp://example.org/x"}}) { requestId remoteLocation } }`);
    expect(second.getLog).toEqual({ requestId: 5, remoteLocation: 'ftp://example.org/x' });
  });

  it('signedUpdateFirmware: assigns requestId; takes a hosted firmwareFileId instead of firmware.location', async () => {
    const signer = await makeCa('Firmware signer');
    const firmware = { retrieveDateTime: new Date().toISOString(), signingCertificate: signer.certificatePem, signature: 'c2lnbmF0dXJl' };
    const mutation = `mutation($input: SignedUpdateFirmwareInput!) { signedUpdateFirmware(input: $input) { status requestId location command { status } } }`;
    const direct = await api.data(mutation, { input: { chargePointId: 'CP-SEC', firmware: { ...firmware, location: 'https://example.org/fw.bin' } } });
    expect(direct.signedUpdateFirmware).toMatchObject({ status: 'Accepted', location: 'https://example.org/fw.bin', command: { status: 'COMPLETED' } });
    expect(received.SignedUpdateFirmware.at(-1)).toMatchObject({ requestId: direct.signedUpdateFirmware.requestId, firmware: { signature: 'c2lnbmF0dXJl' } });
    const put = await fetch(`http://127.0.0.1:${server.apiPort}/files/firmware/signed.bin`, { method: 'PUT', body: Buffer.from('IMAGE'), headers: { authorization: `Bearer ${tenant.ownerKey}` } });
    const file = (await put.json()) as { id: string };
    const hosted = await api.data(mutation, { input: { chargePointId: 'CP-SEC', firmwareFileId: file.id, requestId: 9, firmware } });
    expect(hosted.signedUpdateFirmware.requestId).toBe(9);
    expect(hosted.signedUpdateFirmware.location).toMatch(/\/signed\.bin$/);
    expect(await (await fetch(hosted.signedUpdateFirmware.location)).text()).toBe('IMAGE');
    expect(await api.errorCode(mutation, { input: { chargePointId: 'CP-SEC', firmware } })).toBe('BAD_USER_INPUT');
  });

  it('installCertificate, getInstalledCertificateIds, deleteCertificate, certificateSigned and extendedTriggerMessage carry the OCPP fields both ways', async () => {
    const ca = await makeCa('Root');
    const install = await api.data(`mutation($c: String!) { installCertificate(input: {chargePointId: "CP-SEC", certificateType: CentralSystemRootCertificate, certificate: $c}) { messageId status command { status } } }`, { c: ca.certificatePem });
    expect(install.installCertificate).toMatchObject({ status: 'Accepted', command: { status: 'COMPLETED' } });
    expect(received.InstallCertificate.at(-1)).toEqual({ certificateType: 'CentralSystemRootCertificate', certificate: ca.certificatePem });
    const ids = await api.data(`mutation { getInstalledCertificateIds(input: {chargePointId: "CP-SEC", certificateType: ManufacturerRootCertificate}) { status certificateHashData { hashAlgorithm serialNumber } } }`);
    expect(ids.getInstalledCertificateIds).toEqual({ status: 'Accepted', certificateHashData: [{ hashAlgorithm: 'SHA256', serialNumber: '01' }] });
    const hash = { hashAlgorithm: 'SHA256', issuerNameHash: 'aa', issuerKeyHash: 'bb', serialNumber: '01' };
    const deleted = await api.data(`mutation($h: CertificateHashDataInput!) { deleteCertificate(input: {chargePointId: "CP-SEC", certificateHashData: $h}) { status } }`, { h: hash });
    expect(deleted.deleteCertificate.status).toBe('NotFound');
    expect(received.DeleteCertificate.at(-1)).toEqual({ certificateHashData: hash });
    const signed = await api.data(`mutation($c: String!) { certificateSigned(input: {chargePointId: "CP-SEC", certificateChain: $c}) { status } }`, { c: ca.certificatePem });
    expect(signed.certificateSigned.status).toBe('Accepted');
    const trigger = await api.data(`mutation { extendedTriggerMessage(input: {chargePointId: "CP-SEC", requestedMessage: SignChargePointCertificate}) { status command { status } } }`);
    expect(trigger.extendedTriggerMessage).toEqual({ status: 'Accepted', command: { status: 'COMPLETED' } });
    expect(received.ExtendedTriggerMessage.at(-1)).toEqual({ requestedMessage: 'SignChargePointCertificate' });
  });

  it('an extendedTriggerMessage can be scheduled like any command', async () => {
    const { extendedTriggerMessage } = await api.data(`mutation { extendedTriggerMessage(input: {chargePointId: "CP-SEC", requestedMessage: Heartbeat, schedule: {}}) { status command { id status } } }`);
    expect(extendedTriggerMessage.status).toBeNull();
    await eventually(async () => (await api.data(`query($id: ID!) { command(id: $id) { status } }`, { id: extendedTriggerMessage.command.id })).command.status === 'COMPLETED');
  });
});
