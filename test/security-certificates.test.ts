import { createPublicKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { firstPem, issue, makeCa, makeCsr, tlsServerSettings, x509, type TestCa } from './support/certificates';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { eventually, startTestServer, waitFor } from './support/harness';
import { seedTenant } from './support/seed';
import { platformSql, tenantEm } from '../src/platform/db';
import { ChargePointCertificate } from '../src/modules/security/charge-point-certificate.entity';
import { warnExpiringCertificates } from '../src/modules/security/certificate-expiry.jobs';

/**
 * The CSMS's certificate authority per tenant: SignCertificate -> CertificateSigned, a certificate the
 * charge point then connects with (profile 3), revocation, and no CA ever signing for another tenant.
 */
let dir: string;
let server: RunningServer;
let serverCa: TestCa;
let tenantA: Awaited<ReturnType<typeof seedTenant>>;
let tenantB: Awaited<ReturnType<typeof seedTenant>>;
let apiA: GraphQLClient;
let apiB: GraphQLClient;
const PASSWORD = 'csr-password-0123456789';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'qcharge-csr-'));
  const tls = await tlsServerSettings(dir);
  serverCa = tls.serverCa;
  server = await startTestServer({ ...tls.env, CA_KEY_ENCRYPTION_KEY: 'test-ca-key-encryption-key' });
  [tenantA, tenantB] = await Promise.all([seedTenant(server), seedTenant(server)]);
  apiA = graphqlClient(server, tenantA.ownerKey);
  apiB = graphqlClient(server, tenantB.ownerKey);
  await tenantA.chargePoint('CP-CSR', { password: PASSWORD });
  await tenantB.chargePoint('CP-CSR', { password: PASSWORD });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Charger {
  cp: RPCClient;
  signed: string[];
}

async function connect(slug: string, options: { password?: string; client?: { certificatePem: string; keyPem: string } }): Promise<Charger> {
  const cp = new RPCClient({
    endpoint: `wss://localhost:${server.ocppTlsPort}/ocpp/${slug}`,
    identity: 'CP-CSR',
    password: options.password,
    protocols: ['ocpp1.6'],
    strictMode: true,
    reconnect: false,
    wsOpts: { ca: serverCa.certificatePem, ...(options.client ? { cert: options.client.certificatePem, key: options.client.keyPem } : {}) },
  } as any);
  const signed: string[] = [];
  cp.handle('CertificateSigned', ({ params }: any) => {
    signed.push(params.certificateChain);
    return { status: 'Accepted' };
  });
  await cp.connect();
  await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'CSR' });
  return { cp, signed };
}

/** SignCertificate -> Accepted, then the CSMS's CertificateSigned: the charger's certificate and key. */
async function roundTrip(charger: Charger) {
  const csr = await makeCsr('CP-CSR');
  expect(await charger.cp.call('SignCertificate', { csr: csr.csrPem })).toEqual({ status: 'Accepted' });
  const chain = await waitFor(() => charger.signed.shift(), 10_000);
  return { chain, certificatePem: firstPem(chain), keyPem: csr.keyPem };
}

async function caOf(api: GraphQLClient): Promise<{ certificate: string; fingerprintSha256: string; notAfter: string }> {
  return (await api.data(`{ certificateAuthority { certificate fingerprintSha256 notAfter } }`)).certificateAuthority;
}

it('signs a CSR with the tenant CA (made on first need); the charger then connects with it on profile 3', async () => {
  const charger = await connect(tenantA.slug, { password: PASSWORD });
  let issued;
  try {
    issued = await roundTrip(charger);
  } finally {
    await charger.cp.close({ force: true });
  }
  const ca = await caOf(apiA);
  const leaf = new X509Certificate(issued.certificatePem);
  expect(leaf.checkIssued(new X509Certificate(ca.certificate))).toBe(true);
  expect(leaf.verify(new X509Certificate(ca.certificate).publicKey)).toBe(true);
  expect(leaf.subject).toMatch(/CN=CP-CSR/);
  expect(issued.chain).toContain(ca.certificate.trim());
  // The CertificateSigned went out as a command, recorded like the others.
  const commands = await apiA.data(`{ commands(filter: {chargePointId: "CP-CSR"}, first: 100) { edges { node { action status } } } }`);
  expect(commands.commands.edges.map((e: any) => e.node)).toEqual(expect.arrayContaining([{ action: 'CertificateSigned', status: 'COMPLETED' }]));
  const listed = await apiA.data(`{ chargePointCertificates(chargePointId: "CP-CSR") { totalCount edges { cursor node { serialNumber fingerprintSha256 notBefore notAfter revokedAt } } pageInfo { hasNextPage } } }`);
  expect(listed.chargePointCertificates.totalCount).toBe(1);
  expect(listed.chargePointCertificates.edges[0].node).toMatchObject({ serialNumber: leaf.serialNumber.toLowerCase().replace(/^0+/, ''), revokedAt: null });

  await apiA.data(`mutation { updateChargePoint(input: {id: "CP-CSR", securityProfile: 3}) { chargePoint { securityProfile } } }`);
  const onProfile3 = await connect(tenantA.slug, { client: issued });
  await onProfile3.cp.close({ force: true });

  // Revoked: refused from then on.
  const serialNumber = listed.chargePointCertificates.edges[0].node.serialNumber;
  const revoked = await apiA.data(`mutation($s: String!) { revokeChargePointCertificate(input: {chargePointId: "CP-CSR", serialNumber: $s}) { certificate { revokedAt } } }`, { s: serialNumber });
  expect(revoked.revokeChargePointCertificate.certificate.revokedAt).not.toBeNull();
  await expect(connect(tenantA.slug, { client: issued })).rejects.toBeDefined();
  const events = await eventually(async () => {
    const data = await apiA.data(`{ securityEvents(filter: {chargePointId: "CP-CSR", type: "InvalidChargePointCertificate"}) { edges { node { techInfo source } } } }`);
    return data.securityEvents.edges.length > 0 && data.securityEvents.edges;
  });
  expect(events[0].node).toMatchObject({ source: 'CSMS', techInfo: expect.stringContaining('revoked') });
  await apiA.data(`mutation { updateChargePoint(input: {id: "CP-CSR", securityProfile: 1}) { chargePoint { securityProfile } } }`);
});

it("never signs with another tenant's CA: each tenant's certificate chains only to its own CA", async () => {
  const charger = await connect(tenantB.slug, { password: PASSWORD });
  let issued;
  try {
    issued = await roundTrip(charger);
  } finally {
    await charger.cp.close({ force: true });
  }
  const [caA, caB] = await Promise.all([caOf(apiA), caOf(apiB)]);
  expect(caA.fingerprintSha256).not.toBe(caB.fingerprintSha256);
  const leaf = new X509Certificate(issued.certificatePem);
  expect(leaf.checkIssued(new X509Certificate(caB.certificate))).toBe(true);
  expect(leaf.verify(new X509Certificate(caA.certificate).publicKey)).toBe(false);
  // Tenant A does not see tenant B's certificates, and cannot revoke them.
  const serial = leaf.serialNumber.toLowerCase().replace(/^0+/, '');
  expect(await apiA.errorCode(`mutation($s: String!) { revokeChargePointCertificate(input: {chargePointId: "CP-CSR", serialNumber: $s}) { certificate { revokedAt } } }`, { s: serial })).toBe('NOT_FOUND');
  // And tenant B's certificate does not open tenant A's charge point of the same id on profile 3.
  await apiA.data(`mutation { updateChargePoint(input: {id: "CP-CSR", securityProfile: 3}) { chargePoint { securityProfile } } }`);
  try {
    await expect(connect(tenantA.slug, { client: issued })).rejects.toBeDefined();
  } finally {
    await apiA.data(`mutation { updateChargePoint(input: {id: "CP-CSR", securityProfile: 1}) { chargePoint { securityProfile } } }`);
  }
});

it('rejects a CSR whose CN is not the charge point, whose key is too weak, or that is not a CSR', async () => {
  const charger = await connect(tenantA.slug, { password: PASSWORD });
  try {
    const otherCn = await makeCsr('CP-OTHER');
    expect(await charger.cp.call('SignCertificate', { csr: otherCn.csrPem })).toEqual({ status: 'Rejected' });
    const weak = await makeCsr('CP-CSR', 'rsa1024');
    expect(await charger.cp.call('SignCertificate', { csr: weak.csrPem })).toEqual({ status: 'Rejected' });
    expect(await charger.cp.call('SignCertificate', { csr: 'not a csr' })).toEqual({ status: 'Rejected' });
    // One bit of the signature flipped.
    const der = Buffer.from((await makeCsr('CP-CSR')).csrPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    der[der.length - 1] ^= 1;
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----`;
    expect(await charger.cp.call('SignCertificate', { csr: tampered })).toEqual({ status: 'Rejected' });
  } finally {
    await charger.cp.close({ force: true });
  }
  expect(charger.signed).toEqual([]);
});

it('setCertificateAuthority is for OWNER keys, checks the key belongs to the certificate, and never returns the key', async () => {
  const operator = (await apiA.data(`mutation { createApiKey(input: {name: "op", role: OPERATOR}) { secret } }`)).createApiKey.secret;
  const ca = await makeCa('Own CA');
  const other = await makeCa('Other CA');
  const mutation = `mutation($input: SetCertificateAuthorityInput!) { setCertificateAuthority(input: $input) { certificateAuthority { certificate fingerprintSha256 } } }`;
  expect(await graphqlClient(server, operator).errorCode(mutation, { input: { certificate: ca.certificatePem, privateKey: ca.keyPem } })).toBe('FORBIDDEN');
  expect(await apiA.errorCode(mutation, { input: { certificate: ca.certificatePem, privateKey: other.keyPem } })).toBe('BAD_USER_INPUT');
  const leaf = await issue(ca, { cn: 'not-a-ca' });
  expect(await apiA.errorCode(mutation, { input: { certificate: leaf.certificatePem, privateKey: leaf.keyPem } })).toBe('BAD_USER_INPUT');
  const set = await apiA.data(mutation, { input: { certificate: ca.certificatePem, privateKey: ca.keyPem } });
  expect(set.setCertificateAuthority.certificateAuthority.certificate.trim()).toBe(ca.certificatePem.trim());
  expect(JSON.stringify(set)).not.toContain('PRIVATE KEY');
  // The key is stored encrypted, never in clear.
  const [row] = await platformSql<{ encrypted_private_key: string }>(server.app.orm, `select encrypted_private_key from certificate_authority where tenant_id = ?`, [tenantA.tenantId]);
  expect(row.encrypted_private_key).toMatch(/^v1:/);
  expect(row.encrypted_private_key).not.toContain('PRIVATE KEY');
  // The CSMS signs with it from now on.
  const charger = await connect(tenantA.slug, { password: PASSWORD });
  try {
    const issued = await roundTrip(charger);
    expect(new X509Certificate(issued.certificatePem).checkIssued(new X509Certificate(ca.certificatePem))).toBe(true);
  } finally {
    await charger.cp.close({ force: true });
  }
});

it('warns 30 days before a client certificate expires and triggers its renewal (ExtendedTriggerMessage SignChargePointCertificate), once', async () => {
  const em = tenantEm(server.app.orm, tenantA.tenantId);
  const day = 86_400_000;
  const row = (serialNumber: string, notAfter: Date) =>
    em.create(ChargePointCertificate, {
      tenantId: tenantA.tenantId, chargePointId: 'CP-CSR', serialNumber, fingerprintSha256: serialNumber.padEnd(64, '0'),
      certificatePem: '-', notBefore: new Date(Date.now() - day), notAfter, createdAt: new Date(),
    });
  await em.persistAndFlush([row('e1', new Date(Date.now() + 10 * day)), row('e2', new Date(Date.now() + 90 * day))]);
  const run = () => warnExpiringCertificates({ app: server.app, em: tenantEm(server.app.orm, tenantA.tenantId), tenantId: tenantA.tenantId } as any, { tenantId: tenantA.tenantId } as any);
  await run();
  await run();
  const events = await apiA.data(`{ securityEvents(filter: {chargePointId: "CP-CSR", type: "ChargePointCertificateExpiring"}) { edges { node { techInfo source } } } }`);
  expect(events.securityEvents.edges.map((e: any) => e.node)).toEqual([{ techInfo: expect.stringContaining('serial e1'), source: 'CSMS' }]);
  const commands = await apiA.data(`{ commands(filter: {chargePointId: "CP-CSR"}, first: 100) { edges { node { action request } } } }`);
  const triggers = commands.commands.edges.map((e: any) => e.node).filter((c: any) => c.action === 'ExtendedTriggerMessage');
  expect(triggers).toEqual([{ action: 'ExtendedTriggerMessage', request: { requestedMessage: 'SignChargePointCertificate' } }]);
});

it('TC_074_CSMS + TC_083_CSMS: renewal on request of the CSMS, then the upgrade from profile 2 to 3 by ChangeConfiguration SecurityProfile (no way back)', async () => {
  await tenantA.chargePoint('CP-UP', { password: PASSWORD });
  await apiA.data(`mutation { updateChargePoint(input: {id: "CP-UP", securityProfile: 2}) { chargePoint { securityProfile } } }`);
  const connectUp = async (options: { password?: string; client?: { certificatePem: string; keyPem: string } }) => {
    const cp = new RPCClient({
      endpoint: `wss://localhost:${server.ocppTlsPort}/ocpp/${tenantA.slug}`, identity: 'CP-UP', password: options.password, protocols: ['ocpp1.6'], strictMode: true, reconnect: false,
      wsOpts: { ca: serverCa.certificatePem, ...(options.client ? { cert: options.client.certificatePem, key: options.client.keyPem } : {}) },
    } as any);
    await cp.connect();
    return cp;
  };
  const cp = await connectUp({ password: PASSWORD });
  const chains: string[] = [];
  const csr = await makeCsr('CP-UP');
  cp.handle('ExtendedTriggerMessage', ({ params }: any) => {
    expect(params).toEqual({ requestedMessage: 'SignChargePointCertificate' });
    setImmediate(() => void cp.call('SignCertificate', { csr: csr.csrPem }));
    return { status: 'Accepted' };
  });
  cp.handle('CertificateSigned', ({ params }: any) => (chains.push(params.certificateChain), { status: 'Accepted' }));
  cp.handle('ChangeConfiguration', () => ({ status: 'Accepted' }));
  try {
    await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Up' });
    const trigger = await apiA.data(`mutation { extendedTriggerMessage(input: {chargePointId: "CP-UP", requestedMessage: SignChargePointCertificate}) { status } }`);
    expect(trigger.extendedTriggerMessage.status).toBe('Accepted');
    const chain = await waitFor(() => chains[0], 10_000);
    const leaf = new X509Certificate(firstPem(chain));
    // The signed certificate carries the CSR's key, and is signed with ECDSA SHA-256 by the tenant's CA.
    expect(leaf.publicKey.export({ format: 'der', type: 'spki' }).equals(createPublicKey(csr.keyPem).export({ format: 'der', type: 'spki' }))).toBe(true);
    expect(new x509.X509Certificate(firstPem(chain)).signatureAlgorithm).toMatchObject({ name: 'ECDSA', hash: { name: 'SHA-256' } });
    expect(leaf.checkIssued(new X509Certificate((await caOf(apiA)).certificate))).toBe(true);
    const change = await apiA.data(`mutation { changeConfiguration(input: {chargePointId: "CP-UP", key: "SecurityProfile", value: "3"}) { status } }`);
    expect(change.changeConfiguration.status).toBe('Accepted');
    expect((await apiA.data(`{ chargePoint(id: "CP-UP") { securityProfile } }`)).chargePoint.securityProfile).toBe(3);
    await cp.close({ force: true });
    // No downgrade: the profile 2 credentials no longer open the connection; the certificate does.
    await expect(connectUp({ password: PASSWORD })).rejects.toBeDefined();
    const upgraded = await connectUp({ client: { certificatePem: firstPem(chain), keyPem: csr.keyPem } });
    expect((await upgraded.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Up' })).status).toBe('Accepted');
    await upgraded.close({ force: true });
    // An accepted SecurityProfile change never lowers it either.
    expect((await apiA.data(`{ chargePoint(id: "CP-UP") { securityProfile } }`)).chargePoint.securityProfile).toBe(3);
  } finally {
    await cp.close({ force: true });
  }
});
