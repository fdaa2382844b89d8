import type { RunningServer } from '../src/server';
import { issue, makeCa, type TestCa } from './support/certificates';
import { graphqlClient } from './support/graphql-client';
import { startTestServer } from './support/harness';
import { seedTenant } from './support/seed';
import { upgradeStatus } from './support/upgrade-status';

/**
 * Security profile 3 behind a TLS-terminating proxy (TRUST_PROXY=true): the client certificate comes in
 * X-Forwarded-Client-Cert (URL-encoded PEM as nginx's $ssl_client_escaped_cert, or Envoy's XFCC).
 */
let server: RunningServer;
let ca: TestCa;
let tenant: Awaited<ReturnType<typeof seedTenant>>;

beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: 'true' });
  tenant = await seedTenant(server);
  ca = await makeCa('Proxy tenant CA');
  await graphqlClient(server, tenant.ownerKey).data(
    `mutation($input: SetCertificateAuthorityInput!) { setCertificateAuthority(input: $input) { certificateAuthority { fingerprintSha256 } } }`,
    { input: { certificate: ca.certificatePem, privateKey: ca.keyPem } },
  );
  await tenant.chargePoint('CP-XFCC', { password: 'xfcc-password-0123456789' });
  await graphqlClient(server, tenant.ownerKey).data(`mutation { updateChargePoint(input: {id: "CP-XFCC", securityProfile: 3}) { chargePoint { securityProfile } } }`);
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

function handshakeStatus(headers: Record<string, string>): Promise<number> {
  return upgradeStatus(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}/CP-XFCC`, { headers });
}

it('accepts a certificate forwarded as URL-encoded PEM or in Envoy XFCC, when the proxy says TLS', async () => {
  const client = await issue(ca, { cn: 'CP-XFCC' });
  const https = { 'x-forwarded-proto': 'https' };
  expect(await handshakeStatus({ ...https, 'x-forwarded-client-cert': encodeURIComponent(client.certificatePem) })).toBe(101);
  const envoy = `By=spiffe://qcharge;Hash=abc;Cert="${encodeURIComponent(client.certificatePem)}";Subject="CN=CP-XFCC"`;
  expect(await handshakeStatus({ ...https, 'x-forwarded-client-cert': envoy })).toBe(101);
});

it('refuses a forwarded certificate of the wrong CN, garbage, or one that arrived without TLS', async () => {
  const https = { 'x-forwarded-proto': 'https' };
  const other = await issue(ca, { cn: 'CP-OTHER' });
  expect(await handshakeStatus({ ...https, 'x-forwarded-client-cert': encodeURIComponent(other.certificatePem) })).toBe(401);
  expect(await handshakeStatus({ ...https, 'x-forwarded-client-cert': 'not-a-certificate' })).toBe(401);
  expect(await handshakeStatus({ ...https })).toBe(401);
  const client = await issue(ca, { cn: 'CP-XFCC' });
  expect(await handshakeStatus({ 'x-forwarded-client-cert': encodeURIComponent(client.certificatePem) })).toBe(401);
});
