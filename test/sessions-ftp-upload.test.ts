import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Client as FtpClient } from 'basic-ftp';
import type { RPCClient } from './support/rpc-client';
import { FTP_MAX_CONNECTIONS_PER_ADDRESS } from '../src/modules/diagnostics/ftp-command-flow';
import type { RunningServer } from '../src/server';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { startTestServer } from './support/harness';
import { seedTenant } from './support/seed';
import { bootedStation } from './support/station';

/** Diagnostics over FTP (passive mode), with per-upload credentials, for charge points set to FTP. */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let api: GraphQLClient;
let dataDir: string;
const clients: RPCClient[] = [];

const GET_DIAG = `mutation($input: GetDiagnosticsInput!) { getDiagnostics(input: $input) { fileName location command { status } } }`;
const FILES = `query($id: ID!) { diagnosticsFiles(chargePointId: $id, first: 100) { edges { node { id fileName size chargePointId } } } }`;

async function ftpStation(id: string) {
  await api.data(`mutation($id: ID!) { createChargePoint(input: { id: $id, uploadProtocol: FTP }) { chargePoint { id uploadProtocol } } }`, { id });
  const cp = await bootedStationExisting(id);
  return cp;
}

async function bootedStationExisting(id: string) {
  // bootedStation creates the charge point itself: give it a seeding tenant whose chargePoint() is a no-op.
  const s = await bootedStation(server, { ...tenant, chargePoint: async () => undefined as any }, id, { GetDiagnostics: () => ({ fileName: 'diag.log' }) });
  clients.push(s.cp);
  return s;
}

async function upload(location: string, name: string, content: Buffer): Promise<void> {
  const url = new URL(location);
  const client = new FtpClient(10_000);
  try {
    await client.access({ host: url.hostname, port: Number(url.port), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
    await client.uploadFrom(Readable.from([content]), name);
  } finally {
    client.close();
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'qcharge-ftp-'));
  server = await startTestServer({ DATA_DIR: dataDir });
  tenant = await seedTenant(server);
  api = graphqlClient(server, tenant.ownerKey);
}, 30_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => undefined)));
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('FTP diagnostics uploads', () => {
  it('hands an FTP charge point an ftp:// URL whose login works for one upload, stored like http uploads', async () => {
    const { received } = await ftpStation('CP-FTP');
    const { getDiagnostics } = await api.data(GET_DIAG, { input: { chargePointId: 'CP-FTP' } });
    const location: string = getDiagnostics.location;
    expect(location).toMatch(new RegExp(`^ftp://u[0-9a-f]{12}:[\\w-]+@127\\.0\\.0\\.1:${server.app.config.ftpPort}/$`));
    expect(received.GetDiagnostics[0].location).toBe(location);

    const content = Buffer.from('ftp line 1\nftp line 2\n');
    await upload(location, 'diag.log', content);
    const [file] = (await api.data(FILES, { id: 'CP-FTP' })).diagnosticsFiles.edges.map((e: any) => e.node);
    expect(file).toMatchObject({ chargePointId: 'CP-FTP', fileName: 'diag.log', size: content.length });
    expect(readFileSync(path.join(dataDir, tenant.tenantId, 'diagnostics', file.id)).equals(content)).toBe(true);

    // Spent: the same login is refused now.
    await expect(upload(location, 'again.log', content)).rejects.toThrow(/530/);
    // A made-up login too.
    const forged = new URL(location);
    forged.password = 'not-a-token';
    await expect(upload(forged.toString(), 'x.log', content)).rejects.toThrow(/530/);
    expect((await api.data(FILES, { id: 'CP-FTP' })).diagnosticsFiles.edges.map((e: any) => e.node)).toHaveLength(1);
  });

  it('refuses a file over the size limit and keeps nothing of it', async () => {
    await ftpStation('CP-FTP-BIG');
    const { getDiagnostics } = await api.data(GET_DIAG, { input: { chargePointId: 'CP-FTP-BIG' } });
    const big = Buffer.alloc(50 * 1024 * 1024 + 1, 0x61);
    await expect(upload(getDiagnostics.location, 'big.log', big)).rejects.toThrow();
    expect((await api.data(FILES, { id: 'CP-FTP-BIG' })).diagnosticsFiles.edges.map((e: any) => e.node)).toEqual([]);
  }, 60_000);

  it('keeps http upload URLs for charge points left at HTTP, and switches with updateChargePoint', async () => {
    await api.data(`mutation { createChargePoint(input: { id: "CP-SWITCH" }) { chargePoint { id } } }`);
    await bootedStationExisting('CP-SWITCH');
    const http = (await api.data(GET_DIAG, { input: { chargePointId: 'CP-SWITCH' } })).getDiagnostics.location;
    expect(http).toMatch(/^http:\/\//);
    const { updateChargePoint } = await api.data(`mutation { updateChargePoint(input: { id: "CP-SWITCH", uploadProtocol: FTP }) { chargePoint { uploadProtocol } } }`);
    expect(updateChargePoint.chargePoint.uploadProtocol).toBe('FTP');
    expect((await api.data(GET_DIAG, { input: { chargePointId: 'CP-SWITCH' } })).getDiagnostics.location).toMatch(/^ftp:\/\//);
  });
});

/** A raw FTP control connection: its first reply line (the greeting, or a refusal). */
function ftpControl(): Promise<{ socket: net.Socket; greeting: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.app.config.ftpPort, '127.0.0.1');
    let text = '';
    socket.on('error', reject);
    socket.on('data', (data) => {
      text += data.toString('utf8');
      if (text.includes('\r\n')) resolve({ socket, greeting: text.split('\r\n')[0] });
    });
  });
}

describe('hostile FTP clients', () => {
  it('caps control connections per address, and gives the place back when one closes', async () => {
    const open = await Promise.all(Array.from({ length: FTP_MAX_CONNECTIONS_PER_ADDRESS }, () => ftpControl()));
    try {
      expect(open.map((c) => c.greeting.slice(0, 3))).toEqual(open.map(() => '220'));
      const refused = await ftpControl();
      expect(refused.greeting).toMatch(/^421 /);
      refused.socket.destroy();
      const closed = new Promise((resolve) => open[0].socket.once('close', resolve));
      open[0].socket.destroy();
      await closed;
      const again = await waitForGreeting();
      expect(again.greeting).toMatch(/^220[ -]/);
      open[0] = again;
    } finally {
      for (const c of open) c.socket.destroy();
    }
  });

  it('stops reading a client that sends commands and never reads the answers, and keeps serving uploads', async () => {
    // Before, the server read all of it, piling up every chunk's commands and answers (one such client for
    // 20 s took the process to 3.7 GB and then out of memory). Now the socket is not read while a command
    // waits for its answer, so only the kernel's buffers fill: the client's writes stall after a few MB.
    const { socket } = await ftpControl();
    socket.pause();
    const chunk = Buffer.from('HELP\r\n'.repeat(10_000));
    const limit = 32 * 1024 * 1024;
    let sent = 0;
    try {
      while (sent < limit) {
        sent += chunk.length;
        if (socket.write(chunk)) continue;
        const drained = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), 3000);
          socket.once('drain', () => {
            clearTimeout(timer);
            resolve(true);
          });
        });
        if (!drained) break;
      }
      expect(sent).toBeLessThan(limit / 2);
    } finally {
      socket.destroy();
    }
    await ftpStation('CP-FTP-AFTER-FLOOD');
    const { getDiagnostics } = await api.data(GET_DIAG, { input: { chargePointId: 'CP-FTP-AFTER-FLOOD' } });
    await upload(getDiagnostics.location, 'diag.log', Buffer.from('still served\n'));
    expect((await api.data(FILES, { id: 'CP-FTP-AFTER-FLOOD' })).diagnosticsFiles.edges).toHaveLength(1);
  }, 60_000);
});

/** A new control connection once the server has counted a closed one out (its close may lag the client's). */
async function waitForGreeting(): Promise<{ socket: net.Socket; greeting: string }> {
  for (;;) {
    const attempt = await ftpControl();
    if (!attempt.greeting.startsWith('421')) return attempt;
    attempt.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
