import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RPCClient } from './support/rpc-client';
import WebSocket from 'ws';
import type { RunningServer } from '../src/server';
import { startTestServer } from './support/harness';
import { seedTenant } from './support/seed';

/**
 * OCPP security profile 2: TLS on its own listener (OCPP_TLS_CERT / OCPP_TLS_KEY, OCPP_TLS_PORT) with HTTP Basic auth,
 * beside the plain one.
 * A self-signed certificate is made with openssl for this run.
 */
let dir: string;
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let cert: Buffer;
const PASSWORD = 'tls-password-0123456789';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'qcharge-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  cert = readFileSync(path.join(dir, 'cert.pem'));
  server = await startTestServer({ OCPP_TLS_CERT: path.join(dir, 'cert.pem'), OCPP_TLS_KEY: path.join(dir, 'key.pem') });
  tenant = await seedTenant(server);
  await tenant.chargePoint('CP-TLS', { password: PASSWORD });
}, 30_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function client(password: string, options: Record<string, unknown>): RPCClient {
  return new RPCClient({
    endpoint: `wss://localhost:${server.ocppTlsPort}/ocpp/${tenant.slug}`,
    identity: 'CP-TLS',
    password,
    protocols: ['ocpp1.6'],
    strictMode: true,
    reconnect: false,
    wsOpts: options,
  } as any);
}

it('boots a charge point over wss with Basic auth, trusting the server certificate as its CA', async () => {
  const cp = client(PASSWORD, { ca: cert });
  await cp.connect();
  try {
    const boot = await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'TLS' });
    expect(boot.status).toBe('Accepted');
  } finally {
    await cp.close({ force: true });
  }
});

it('still refuses a wrong password over TLS, and a client that does not trust the certificate', async () => {
  await expect(client('wrong-password-0123456789', { ca: cert }).connect()).rejects.toBeDefined();
  await expect(client(PASSWORD, {}).connect()).rejects.toThrow(/self[- ]signed|certificate/i);
});

it('speaks no plain ws on the TLS port', async () => {
  const outcome = await new Promise<string>((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.ocppTlsPort}/ocpp/${tenant.slug}/CP-TLS`, ['ocpp1.6']);
    socket.on('open', () => (socket.terminate(), resolve('open')));
    socket.on('unexpected-response', () => resolve('refused'));
    socket.on('error', () => resolve('refused'));
  });
  expect(outcome).toBe('refused');
});

it('still serves plain ws on OCPP_PORT beside the TLS listener (a profile-1 charge point)', async () => {
  expect(server.ocppTlsPort).toBeDefined();
  expect(server.ocppTlsPort).not.toBe(server.ocppPort);
  const cp = new RPCClient({ endpoint: `ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}`, identity: 'CP-TLS', password: PASSWORD, protocols: ['ocpp1.6'], strictMode: true, reconnect: false });
  await cp.connect();
  try {
    expect((await cp.call('Heartbeat', {})).currentTime).toBeDefined();
  } finally {
    await cp.close({ force: true });
  }
});
