import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { issue, makeCa, tlsServerSettings, type TestCa } from './support/certificates';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { eventually, startTestServer } from './support/harness';
import { seedTenant } from './support/seed';
import { upgradeStatus } from './support/upgrade-status';

/**
 * OCPP 1.6 security profiles (OCA "Improved security for OCPP 1.6-J"), through real sockets: wss with
 * client certificates made here with @peculiar/x509, the tenants' CAs set with setCertificateAuthority.
 */
let dir: string;
let server: RunningServer;
let serverCa: TestCa;
let caA: TestCa;
let caB: TestCa;
let tenantA: Awaited<ReturnType<typeof seedTenant>>;
let tenantB: Awaited<ReturnType<typeof seedTenant>>;
let apiA: GraphQLClient;
const PASSWORD = 'profile-password-0123456789';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'qcharge-security-'));
  const tls = await tlsServerSettings(dir);
  serverCa = tls.serverCa;
  server = await startTestServer(tls.env);
  [tenantA, tenantB] = await Promise.all([seedTenant(server), seedTenant(server)]);
  apiA = graphqlClient(server, tenantA.ownerKey);
  [caA, caB] = await Promise.all([makeCa('Tenant A CA'), makeCa('Tenant B CA')]);
  const setCa = `mutation($input: SetCertificateAuthorityInput!) { setCertificateAuthority(input: $input) { certificateAuthority { fingerprintSha256 } } }`;
  await apiA.data(setCa, { input: { certificate: caA.certificatePem, privateKey: caA.keyPem } });
  await graphqlClient(server, tenantB.ownerKey).data(setCa, { input: { certificate: caB.certificatePem, privateKey: caB.keyPem } });
  const create = `mutation($input: CreateChargePointInput!) { createChargePoint(input: $input) { chargePoint { id securityProfile } } }`;
  await apiA.data(create, { input: { id: 'CP-P1', password: PASSWORD } });
  await apiA.data(create, { input: { id: 'CP-P2', password: PASSWORD, securityProfile: 2 } });
  await apiA.data(create, { input: { id: 'CP-P3', password: PASSWORD, securityProfile: 3 } });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Connect {
  tls: boolean;
  identity: string;
  password?: string;
  client?: { certificatePem: string; keyPem: string };
  tenantSlug?: string;
}

function url(options: Connect): string {
  const port = options.tls ? server.ocppTlsPort : server.ocppPort;
  return `${options.tls ? 'wss' : 'ws'}://localhost:${port}/ocpp/${options.tenantSlug ?? tenantA.slug}`;
}

function tlsOptions(options: Connect) {
  return options.tls ? { ca: serverCa.certificatePem, ...(options.client ? { cert: options.client.certificatePem, key: options.client.keyPem } : {}) } : {};
}

/** The HTTP status the upgrade got: 101 when the WebSocket opened. */
function handshakeStatus(options: Connect): Promise<number> {
  const headers: Record<string, string> = options.password ? { authorization: `Basic ${Buffer.from(`${options.identity}:${options.password}`).toString('base64')}` } : {};
  return upgradeStatus(`${url(options)}/${options.identity}`, { headers, ...tlsOptions(options) });
}

async function bootOver(options: Connect): Promise<string> {
  const cp = new RPCClient({
    endpoint: url(options),
    identity: options.identity,
    password: options.password,
    protocols: ['ocpp1.6'],
    strictMode: true,
    reconnect: false,
    wsOpts: tlsOptions(options),
  } as any);
  await cp.connect();
  try {
    return (await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Secure' })).status;
  } finally {
    await cp.close({ force: true });
  }
}

async function csmsEvents(chargePointId: string): Promise<Array<{ type: string; source: string; techInfo: string | null }>> {
  const data = await apiA.data(`query($f: SecurityEventFilter) { securityEvents(filter: $f, first: 200) { edges { node { chargePointId type timestamp techInfo source } } } }`, {
    f: { chargePointId },
  });
  return data.securityEvents.edges.map((e: any) => e.node);
}

describe('security profile 1', () => {
  it('connects with Basic auth over ws and over wss', async () => {
    expect(await bootOver({ tls: false, identity: 'CP-P1', password: PASSWORD })).toBe('Accepted');
    expect(await bootOver({ tls: true, identity: 'CP-P1', password: PASSWORD })).toBe('Accepted');
  });
});

describe('security profile 2', () => {
  it('TC_086_CSMS: is refused without TLS (401, SecurityProfileMismatch), accepted over TLS with Basic auth', async () => {
    expect(await handshakeStatus({ tls: false, identity: 'CP-P2', password: PASSWORD })).toBe(401);
    const events = await eventually(async () => {
      const list = await csmsEvents('CP-P2');
      return list.some((e) => e.type === 'SecurityProfileMismatch') && list;
    });
    expect(events.find((e) => e.type === 'SecurityProfileMismatch')).toMatchObject({ source: 'CSMS' });
    expect(await bootOver({ tls: true, identity: 'CP-P2', password: PASSWORD })).toBe('Accepted');
  });

  it('still needs the right password over TLS; a wrong one is a FailedToAuthenticateAtCentralSystem event', async () => {
    expect(await handshakeStatus({ tls: true, identity: 'CP-P2', password: 'wrong-password-0123456789' })).toBe(401);
    await eventually(async () => (await csmsEvents('CP-P2')).some((e) => e.type === 'FailedToAuthenticateAtCentralSystem'));
  });
});

describe('security profile 3', () => {
  it('TC_087_CSMS: connects with a client certificate from the tenant CA, without Basic auth', async () => {
    const client = await issue(caA, { cn: 'CP-P3' });
    expect(await bootOver({ tls: true, identity: 'CP-P3', client })).toBe('Accepted');
  });

  it('is refused without TLS, and over TLS without a certificate (Basic auth is not enough)', async () => {
    expect(await handshakeStatus({ tls: false, identity: 'CP-P3', password: PASSWORD })).toBe(401);
    expect(await handshakeStatus({ tls: true, identity: 'CP-P3', password: PASSWORD })).toBe(401);
  });

  it('refuses a certificate whose CN is another charge point', async () => {
    const client = await issue(caA, { cn: 'CP-P2' });
    expect(await handshakeStatus({ tls: true, identity: 'CP-P3', client })).toBe(401);
    const events = await eventually(async () => {
      const list = await csmsEvents('CP-P3');
      return list.some((e) => e.type === 'InvalidChargePointCertificate' && /CN/.test(e.techInfo ?? '')) && list;
    });
    expect(events.some((e) => e.type === 'FailedToAuthenticateAtCentralSystem')).toBe(true);
  });

  it('refuses an expired certificate and one not yet valid', async () => {
    const day = 86_400_000;
    const expired = await issue(caA, { cn: 'CP-P3', notBefore: new Date(Date.now() - 30 * day), notAfter: new Date(Date.now() - day) });
    expect(await handshakeStatus({ tls: true, identity: 'CP-P3', client: expired })).toBe(401);
    const future = await issue(caA, { cn: 'CP-P3', notBefore: new Date(Date.now() + day), notAfter: new Date(Date.now() + 30 * day) });
    expect(await handshakeStatus({ tls: true, identity: 'CP-P3', client: future })).toBe(401);
    await eventually(async () => (await csmsEvents('CP-P3')).some((e) => /validity/.test(e.techInfo ?? '')));
  });

  it("refuses a certificate from another tenant's CA, even for a charge point of the same id", async () => {
    await tenantB.chargePoint('CP-P3');
    const foreign = await issue(caB, { cn: 'CP-P3' });
    expect(await handshakeStatus({ tls: true, identity: 'CP-P3', client: foreign })).toBe(401);
    // The same certificate is fine for tenant B's CP-P3 (profile 1 there: the certificate is not needed, Basic is not set).
    expect(await handshakeStatus({ tls: true, identity: 'CP-P3', client: foreign, tenantSlug: tenantB.slug })).toBe(101);
  });

  it('ignores X-Forwarded-Client-Cert and X-Forwarded-Proto without TRUST_PROXY', async () => {
    const client = await issue(caA, { cn: 'CP-P3' });
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-client-cert': encodeURIComponent(client.certificatePem) };
    const status = await upgradeStatus(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenantA.slug}/CP-P3`, { headers });
    expect(status).toBe(401);
  });

  it('refuses a self-signed certificate with the right CN', async () => {
    const selfSigned = await makeCa('CP-P3');
    expect(await handshakeStatus({ tls: true, identity: 'CP-P3', client: selfSigned })).toBe(401);
  });

  it('updateChargePoint switches the profile and the next connection must meet it; only 1, 2 or 3', async () => {
    await apiA.data(`mutation { updateChargePoint(input: {id: "CP-P1", securityProfile: 2}) { chargePoint { securityProfile } } }`);
    expect(await handshakeStatus({ tls: false, identity: 'CP-P1', password: PASSWORD })).toBe(401);
    expect(await handshakeStatus({ tls: true, identity: 'CP-P1', password: PASSWORD })).toBe(101);
    const bad = await apiA.errorCode(`mutation { updateChargePoint(input: {id: "CP-P1", securityProfile: 4}) { chargePoint { id } } }`);
    expect(bad).toBe('BAD_USER_INPUT');
    const data = await apiA.data(`{ chargePoint(id: "CP-P1") { securityProfile } }`);
    expect(data.chargePoint.securityProfile).toBe(2);
  });
});
