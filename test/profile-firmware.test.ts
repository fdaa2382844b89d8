import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { startTestServer } from './support/harness';
import { seedTenant } from './support/seed';
import { bootedStation } from './support/station';

let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let api: GraphQLClient;
let dataDir: string;
const clients: RPCClient[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'qcharge-files-'));
  server = await startTestServer({ DATA_DIR: dataDir, FIRMWARE_QUOTA_MB: '1' });
  // The API port is only known once listening (tests use port 0); PUBLIC_API_URL defaults to API_PORT.
  server.app.config.publicApiUrl = `http://127.0.0.1:${server.apiPort}`;
  tenant = await seedTenant(server);
  api = graphqlClient(server, tenant.ownerKey);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close({ force: true }).catch(() => undefined)));
});

afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function station(id: string, answers: Record<string, (params: any) => any>) {
  const s = await bootedStation(server, tenant, id, answers);
  clients.push(s.cp);
  return s;
}

const UPDATE = `mutation($input: UpdateFirmwareInput!) { updateFirmware(input: $input) { command { status } } }`;
const GET_DIAG = `mutation($input: GetDiagnosticsInput!) { getDiagnostics(input: $input) { fileName location command { status } } }`;
const FW_HISTORY = `query($id: ID!) { firmwareStatusHistory(chargePointId: $id) { edges { node { status receivedAt } } } chargePoint(id: $id) { firmwareStatus diagnosticsStatus } }`;
const DIAG_HISTORY = `query($id: ID!) { diagnosticsStatusHistory(chargePointId: $id) { edges { node { status receivedAt } } } }`;
const FILES = `query($id: ID!) { diagnosticsFiles(chargePointId: $id) { edges { node { id chargePointId fileName size contentType uploadedAt downloadUrl } } } }`;

async function allConnectors(cp: RPCClient, status: string) {
  for (const connectorId of [0, 1, 2]) await cp.call('StatusNotification', { connectorId, status, errorCode: 'NoError' });
}

describe('Firmware Management profile', () => {
  it.each([
    ['TC_044_1', ['Downloading', 'Downloaded', 'Installing', 'Installed']],
    ['TC_044_2', ['Downloading', 'DownloadFailed']],
    ['TC_044_3', ['Downloading', 'Downloaded', 'Installing', 'InstallationFailed']],
  ])('%s: UpdateFirmware, then the status notifications are kept as history', async (tc, statuses) => {
    const id = `CP-${tc}`;
    const { cp, received } = await station(id, { UpdateFirmware: () => ({}) });
    const retrieveDate = new Date().toISOString();
    const data = await api.data(UPDATE, { input: { chargePointId: id, location: 'https://firmware.example/fw.bin', retrieveDate, retries: 1, retryInterval: 1 } });
    expect(data.updateFirmware.command.status).toBe('COMPLETED');
    expect(received.UpdateFirmware[0]).toEqual({ location: 'https://firmware.example/fw.bin', retrieveDate, retries: 1, retryInterval: 1 });
    for (const status of statuses) {
      if (status === 'Installing') await allConnectors(cp, 'Unavailable');
      expect(await cp.call('FirmwareStatusNotification', { status })).toEqual({});
      if (status === 'Installing') {
        expect((await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' })).status).toBe('Accepted');
        await allConnectors(cp, 'Available');
      }
    }
    const result = await api.data(FW_HISTORY, { id });
    expect(result.firmwareStatusHistory.edges.map((e: any) => e.node).map((e: any) => e.status)).toEqual(statuses);
    expect(result.chargePoint.firmwareStatus).toBe(statuses[statuses.length - 1]);
  });

  it.each([
    ['TC_045_1', 'Uploaded'],
    ['TC_045_2', 'UploadFailed'],
  ])('%s: GetDiagnostics with an ftp location passes it through and reports the fileName', async (tc, last) => {
    const id = `CP-${tc}`;
    const { cp, received } = await station(id, { GetDiagnostics: () => ({ fileName: 'diag.log' }) });
    const input = { chargePointId: id, location: 'ftp://user:pass@diag.example/upload/', retries: 1, retryInterval: 1, startTime: new Date(Date.now() - 3600_000).toISOString(), stopTime: new Date().toISOString() };
    const data = await api.data(GET_DIAG, { input });
    expect(data.getDiagnostics).toEqual({ fileName: 'diag.log', location: input.location, command: { status: 'COMPLETED' } });
    expect(received.GetDiagnostics[0].location).toBe(input.location);
    await cp.call('DiagnosticsStatusNotification', { status: 'Uploading' });
    await cp.call('DiagnosticsStatusNotification', { status: last });
    expect((await api.data(DIAG_HISTORY, { id })).diagnosticsStatusHistory.edges.map((e: any) => e.node).map((e: any) => e.status)).toEqual(['Uploading', last]);
    expect((await api.data(FW_HISTORY, { id })).chargePoint.diagnosticsStatus).toBe(last);
  });

  it('GetDiagnostics without location hands out a one-time upload URL; PUT stores the file for the tenant only', async () => {
    const { received } = await station('CP-DIAG-PUT', { GetDiagnostics: () => ({ fileName: 'diag.log' }) });
    const data = await api.data(GET_DIAG, { input: { chargePointId: 'CP-DIAG-PUT' } });
    const location: string = data.getDiagnostics.location;
    expect(location).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.apiPort}/uploads/diagnostics/[\\w-]+$`));
    expect(received.GetDiagnostics[0].location).toBe(location);

    const body = Buffer.from('line 1\nline 2\n');
    const put = await fetch(`${location}/diag.log`, { method: 'PUT', body, headers: { 'content-type': 'text/plain' } });
    expect(put.status).toBe(201);
    // One-time: the same URL does not take a second file.
    expect((await fetch(location, { method: 'PUT', body })).status).toBe(404);

    const [file] = (await api.data(FILES, { id: 'CP-DIAG-PUT' })).diagnosticsFiles.edges.map((e: any) => e.node);
    expect(file).toMatchObject({ chargePointId: 'CP-DIAG-PUT', fileName: 'diag.log', size: body.length, contentType: 'text/plain' });
    expect(file.downloadUrl).toBe(`http://127.0.0.1:${server.apiPort}/files/diagnostics/${file.id}`);
    const stored = readFileSync(path.join(dataDir, tenant.tenantId, 'diagnostics', file.id));
    expect(stored.equals(body)).toBe(true);

    // An upload to the bare URL is named as the charge point answered GetDiagnostics.
    const bare: string = (await api.data(GET_DIAG, { input: { chargePointId: 'CP-DIAG-PUT' } })).getDiagnostics.location;
    expect((await fetch(bare, { method: 'PUT', body })).status).toBe(201);
    expect((await api.data(FILES, { id: 'CP-DIAG-PUT' })).diagnosticsFiles.edges.map((e: any) => e.node).map((f: any) => f.fileName)).toEqual(['diag.log', 'diag.log']);

    const download = await fetch(file.downloadUrl, { headers: { authorization: `Bearer ${tenant.ownerKey}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(body)).toBe(true);
    expect((await fetch(file.downloadUrl)).status).toBe(401);
    const other = await seedTenant(server);
    expect((await fetch(file.downloadUrl, { headers: { authorization: `Bearer ${other.ownerKey}` } })).status).toBe(404);
  });

  it('accepts a multipart POST upload, and refuses unknown tokens and oversized files', async () => {
    await station('CP-DIAG-POST', { GetDiagnostics: () => ({ fileName: 'diag.tar.gz' }) });
    const location: string = (await api.data(GET_DIAG, { input: { chargePointId: 'CP-DIAG-POST' } })).getDiagnostics.location;
    const form = new FormData();
    form.append('file', new Blob([Buffer.from([1, 2, 3, 4, 5])], { type: 'application/gzip' }), 'diag.tar.gz');
    const post = await fetch(location, { method: 'POST', body: form });
    expect(post.status).toBe(201);
    const files = (await api.data(FILES, { id: 'CP-DIAG-POST' })).diagnosticsFiles.edges.map((e: any) => e.node);
    expect(files).toEqual([expect.objectContaining({ fileName: 'diag.tar.gz', size: 5, contentType: 'application/gzip' })]);

    expect((await fetch(`http://127.0.0.1:${server.apiPort}/uploads/diagnostics/not-a-token`, { method: 'PUT', body: 'x' })).status).toBe(404);
    const second: string = (await api.data(GET_DIAG, { input: { chargePointId: 'CP-DIAG-POST' } })).getDiagnostics.location;
    const tooBig = await fetch(second, { method: 'PUT', body: Buffer.alloc(50 * 1024 * 1024 + 1) });
    expect(tooBig.status).toBe(413);
    expect((await api.data(FILES, { id: 'CP-DIAG-POST' })).diagnosticsFiles.edges.map((e: any) => e.node)).toHaveLength(1);
  });

  it('hosts a firmware image: the tenant uploads it, UpdateFirmware by firmwareFileId sends a download URL of its own', async () => {
    const { received } = await station('CP-FW-HOSTED', { UpdateFirmware: () => ({}) });
    const image = Buffer.from('QCHARGE-FIRMWARE-IMAGE-v2.1.0');
    const upload = (key: string | undefined, body: Buffer | string = image, name = 'fw-2.1.0.bin') =>
      fetch(`http://127.0.0.1:${server.apiPort}/files/firmware/${name}`, {
        method: 'PUT',
        body,
        headers: { 'content-type': 'application/octet-stream', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      });
    expect((await upload(undefined)).status).toBe(401);
    const { createApiKey } = await api.data(`mutation { createApiKey(input: { name: "fw-viewer", role: VIEWER }) { secret } }`);
    expect((await upload(createApiKey.secret)).status).toBe(403);
    const uploaded = await upload(tenant.ownerKey);
    expect(uploaded.status).toBe(201);
    const file = (await uploaded.json()) as { id: string; fileName: string; size: number; sha256: string };
    const sha256 = (await import('node:crypto')).createHash('sha256').update(image).digest('hex');
    expect(file).toMatchObject({ fileName: 'fw-2.1.0.bin', size: image.length, sha256 });
    expect((await api.data(`{ firmwareFiles { edges { node { id fileName size sha256 contentType } } } }`)).firmwareFiles.edges.map((e: any) => e.node)).toEqual([
      { id: file.id, fileName: 'fw-2.1.0.bin', size: image.length, sha256, contentType: 'application/octet-stream' },
    ]);

    const UPDATE_HOSTED = `mutation($input: UpdateFirmwareInput!) { updateFirmware(input: $input) { location command { status } } }`;
    const retrieveDate = new Date().toISOString();
    const data = await api.data(UPDATE_HOSTED, { input: { chargePointId: 'CP-FW-HOSTED', firmwareFileId: file.id, retrieveDate } });
    expect(data.updateFirmware.command.status).toBe('COMPLETED');
    const location: string = data.updateFirmware.location;
    expect(location).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.apiPort}/downloads/firmware/[\\w-]{20,}/fw-2\\.1\\.0\\.bin$`));
    // The charge point got plain OCPP: the location, no CSMS field.
    expect(received.UpdateFirmware[0]).toEqual({ location, retrieveDate });
    // It downloads without credentials, as often as it retries; a made-up token is 404.
    for (let attempt = 0; attempt < 2; attempt++) {
      const download = await fetch(location);
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(image);
    }
    expect((await fetch(location.replace(/firmware\/[^/]+\//, 'firmware/made-up-token/'))).status).toBe(404);

    // Exactly one of location and firmwareFileId; another tenant's or an unknown file is NOT_FOUND.
    expect(await api.errorCode(UPDATE_HOSTED, { input: { chargePointId: 'CP-FW-HOSTED', retrieveDate } })).toBe('BAD_USER_INPUT');
    expect(await api.errorCode(UPDATE_HOSTED, { input: { chargePointId: 'CP-FW-HOSTED', retrieveDate, firmwareFileId: file.id, location: 'https://x.example/fw' } })).toBe('BAD_USER_INPUT');
    expect(await api.errorCode(UPDATE_HOSTED, { input: { chargePointId: 'CP-FW-HOSTED', retrieveDate, firmwareFileId: 'not-a-uuid' } })).toBe('NOT_FOUND');
    const other = await seedTenant(server);
    await other.chargePoint('CP-FW-HOSTED');
    const otherApi = graphqlClient(server, other.ownerKey);
    expect((await otherApi.data(`{ firmwareFiles { edges { node { id } } } }`)).firmwareFiles.edges.map((e: any) => e.node)).toEqual([]);
    expect(await otherApi.errorCode(UPDATE_HOSTED, { input: { chargePointId: 'CP-FW-HOSTED', retrieveDate, firmwareFileId: file.id } })).toBe('NOT_FOUND');
    expect(received.UpdateFirmware).toHaveLength(1);
  });

  it('deletes a hosted image (its download URLs stop working) and keeps each tenant under its firmware quota', async () => {
    await station('CP-FW-DELETE', { UpdateFirmware: () => ({}) });
    const put = (body: Buffer, name: string) =>
      fetch(`http://127.0.0.1:${server.apiPort}/files/firmware/${name}`, { method: 'PUT', body, headers: { authorization: `Bearer ${tenant.ownerKey}` } });
    const uploaded = await put(Buffer.from('IMAGE-TO-DELETE'), 'old.bin');
    expect(uploaded.status).toBe(201);
    const file = (await uploaded.json()) as { id: string; fileName: string; size: number; sha256: string };
    const { updateFirmware } = await api.data(`mutation($input: UpdateFirmwareInput!) { updateFirmware(input: $input) { location } }`, {
      input: { chargePointId: 'CP-FW-DELETE', firmwareFileId: file.id, retrieveDate: new Date().toISOString() },
    });
    expect((await fetch(updateFirmware.location)).status).toBe(200);
    const DELETE = `mutation($id: ID!) { deleteFirmwareFile(input: { id: $id }) { id deleted } }`;
    expect((await api.data(DELETE, { id: file.id })).deleteFirmwareFile).toEqual({ id: file.id, deleted: true });
    expect((await fetch(updateFirmware.location)).status).toBe(404);
    expect((await api.data(`{ firmwareFiles { edges { node { id } } } }`)).firmwareFiles.edges.map((e: any) => e.node).map((f: any) => f.id)).not.toContain(file.id);
    expect(await api.errorCode(DELETE, { id: file.id })).toBe('NOT_FOUND');
    // This server's quota is 1 MiB: an image past what is left is refused, nothing is kept of it.
    const before = (await api.data(`{ firmwareFiles { edges { node { id } } } }`)).firmwareFiles.edges.map((e: any) => e.node).length;
    const tooMuch = await put(Buffer.alloc(1024 * 1024 + 1), 'huge.bin');
    expect(tooMuch.status).toBe(413);
    expect((await api.data(`{ firmwareFiles { edges { node { id } } } }`)).firmwareFiles.edges.map((e: any) => e.node)).toHaveLength(before);
  });
  it('keeps parallel uploads under the quota together (declared length or chunked), and frees the space on delete', async () => {
    const DELETE = `mutation($id: ID!) { deleteFirmwareFile(input: { id: $id }) { deleted } }`;
    const deleteAll = async () => {
      for (const { node: f } of (await api.data(`{ firmwareFiles(first: 100) { edges { node { id } } } }`)).firmwareFiles.edges) await api.data(DELETE, { id: f.id });
    };
    await deleteAll();
    const image = Buffer.alloc(200 * 1024, 7);
    // Half declare their length, half stream chunked (no Content-Length): both must reserve as they go.
    const chunked = () =>
      new ReadableStream({
        start(controller) {
          for (let at = 0; at < image.length; at += 16 * 1024) controller.enqueue(image.subarray(at, at + 16 * 1024));
          controller.close();
        },
      });
    const uploads = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fetch(`http://127.0.0.1:${server.apiPort}/files/firmware/parallel-${i}.bin`, {
          method: 'PUT',
          body: i % 2 === 0 ? image : chunked(),
          headers: { authorization: `Bearer ${tenant.ownerKey}` },
          duplex: 'half',
        } as RequestInit).then(async (r) => ({ status: r.status, body: await r.text() })),
      ),
    );
    const stored = (await api.data(`{ firmwareFiles(first: 100) { edges { node { id size } } } }`)).firmwareFiles.edges.map((e: any) => e.node);
    const total = stored.reduce((sum: number, f: any) => sum + f.size, 0);
    expect(total).toBeLessThanOrEqual(1024 * 1024);
    expect(stored.length).toBeGreaterThanOrEqual(1);
    expect(uploads.filter((u) => u.status === 201)).toHaveLength(stored.length);
    expect(uploads.filter((u) => u.status !== 201).map((u) => u.status)).toEqual(Array(12 - stored.length).fill(413));
    await deleteAll();
    const again = await fetch(`http://127.0.0.1:${server.apiPort}/files/firmware/after-delete.bin`, { method: 'PUT', body: Buffer.alloc(1000 * 1024), headers: { authorization: `Bearer ${tenant.ownerKey}` } });
    expect(again.status).toBe(201);
  });
});
