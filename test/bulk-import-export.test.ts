/**
 * Bulk import (CSV routes and GraphQL list inputs, all or nothing with a report of bad lines) and streamed
 * CSV exports, through the real server; exports never leave the caller's tenant.
 */
import type { RPCClient } from './support/rpc-client';
import { parse } from 'csv-parse/sync';
import { hashGeneratedPassword } from '../src/modules/charge-point/password';
import type { RunningServer } from '../src/server';
import { apiTenant } from './support/graphql-client';
import { connectChargePoint, startTestServer } from './support/harness';

jest.setTimeout(60_000);

let server: RunningServer;
let a: Awaited<ReturnType<typeof apiTenant>>;
let b: Awaited<ReturnType<typeof apiTenant>>;
const chargers: RPCClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  [a, b] = await Promise.all([apiTenant(server), apiTenant(server)]);
});

afterAll(async () => {
  await Promise.all(chargers.map((cp) => cp.close({ force: true })));
  await server?.stop();
});

function url(path: string): string {
  return `http://127.0.0.1:${server.apiPort}${path}`;
}

function importCsv(kind: 'charge-points' | 'id-tags', key: string | undefined, csv: string) {
  return fetch(url(`/import/${kind}`), { method: 'POST', headers: { 'content-type': 'text/csv', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: csv });
}

async function exportCsv(path: string, key: string): Promise<Array<Record<string, string>>> {
  const response = await fetch(url(`/export/${path}`), { headers: { authorization: `Bearer ${key}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/csv');
  return parse(await response.text(), { columns: true });
}

describe('CSV import', () => {
  it('stores nothing when any line is bad, and names each bad line with its reason', async () => {
    const csv = [
      'id,password,registrationStatus',
      'CP-OK-1,,Accepted',
      'CP BAD,,', // line 3: a space in the id
      'CP-OK-2,short,', // line 4: password under 16 bytes
      'CP-OK-1,,Pending', // line 5: repeated id
      'CP-OK-3,,Maybe', // line 6: no such status
      'CP-OK-4,,',
    ].join('\n');
    const response = await importCsv('charge-points', a.ownerKey, csv);
    expect(response.status).toBe(400);
    const report = (await response.json()) as { problemCount: number; problems: Array<{ line: number; field: string; reason: string }> };
    expect(report.problemCount).toBe(4);
    expect(report.problems.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
      [3, 'id'],
      [4, 'password'],
      [5, 'id'],
      [6, 'registrationStatus'],
    ]);
    expect(report.problems[2].reason).toContain('first on line 2');
    expect(await exportCsv('charge-points.csv', a.ownerKey)).toEqual([]);
  });

  it('imports thousands of charge points in one call; an imported password logs in', async () => {
    const generated = 'f'.repeat(40);
    const lines = ['id,password,passwordHash,registrationStatus', 'CP-PW,chosen-password-123,,', `CP-HASHED,,${hashGeneratedPassword(generated)},`];
    for (let i = 0; i < 2500; i++) lines.push(`BULK-${String(i).padStart(5, '0')},,,${i % 2 ? 'Pending' : ''}`);
    const response = await importCsv('charge-points', a.ownerKey, lines.join('\r\n') + '\r\n');
    expect(await response.json()).toEqual({ imported: 2502 });
    expect(response.status).toBe(200);

    const exported = await exportCsv('charge-points.csv', a.ownerKey);
    expect(exported).toHaveLength(2502);
    expect(exported.find((row) => row.id === 'BULK-00001')).toMatchObject({ registrationStatus: 'Pending' });
    expect(exported.find((row) => row.id === 'BULK-00002')).toMatchObject({ registrationStatus: 'Accepted' });
    expect(Object.keys(exported[0])).not.toContain('passwordHash');

    const cp = await connectChargePoint({ server, tenantSlug: a.slug, identity: 'CP-PW', password: 'chosen-password-123' });
    chargers.push(cp);
    chargers.push(await connectChargePoint({ server, tenantSlug: a.slug, identity: 'CP-HASHED', password: generated }));
    await expect(connectChargePoint({ server, tenantSlug: a.slug, identity: 'CP-PW', password: 'not-the-password-1' })).rejects.toThrow();
  });

  it('rejects the whole file when one id already exists', async () => {
    const response = await importCsv('charge-points', a.ownerKey, 'id\nNEW-1\nBULK-00007\nNEW-2\n');
    expect(response.status).toBe(400);
    const report = (await response.json()) as { problemCount: number; problems: Array<{ line: number; field: string; reason: string }> };
    expect(report.problems).toEqual([{ line: 3, field: 'id', reason: 'charge point BULK-00007 already exists' }]);
    const ids = (await exportCsv('charge-points.csv', a.ownerKey)).map((row) => row.id);
    expect(ids).not.toContain('NEW-1');
  });

  it('creates and updates id tags; a bad header, bad CSV or a VIEWER key changes nothing', async () => {
    const tags = ['idTag,status,expiryDate,parentIdTag', 'TAG-PARENT,,,'];
    for (let i = 0; i < 1500; i++) tags.push(`TAG-${i},${i % 3 ? 'Accepted' : 'Blocked'},${i === 7 ? '2030-01-01T00:00:00Z' : ''},TAG-PARENT`);
    const first = await importCsv('id-tags', a.ownerKey, tags.join('\n'));
    expect(await first.json()).toEqual({ imported: 1501, created: 1501, updated: 0 });
    const again = await importCsv('id-tags', await a.keyFor('OPERATOR'), 'idTag,status\ntag-0,Accepted\nTAG-NEW,Invalid\n');
    expect(await again.json()).toEqual({ imported: 2, created: 1, updated: 1 });

    const bad = await importCsv('id-tags', a.ownerKey, 'idTag,status,expiryDate\nTAG-X,Accepted,soon\nthis-id-tag-is-far-too-long,,\n');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: Array<{ line: number; field: string }> }).problems.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
      [2, 'expiryDate'],
      [3, 'idTag'],
    ]);
    const header = await importCsv('id-tags', a.ownerKey, 'idTag,colour\nTAG-Y,red\n');
    expect(header.status).toBe(400);
    expect(((await header.json()) as { error: string }).error).toContain('colour');
    const broken = await importCsv('id-tags', a.ownerKey, 'idTag,status\n"TAG-Z,Accepted\n');
    expect(broken.status).toBe(400);
    expect((await importCsv('id-tags', await a.keyFor('VIEWER'), 'idTag\nTAG-V\n')).status).toBe(403);
    expect((await importCsv('id-tags', undefined, 'idTag\nTAG-V\n')).status).toBe(401);

    const exported = await exportCsv('id-tags.csv', await a.keyFor('VIEWER'));
    expect(exported).toHaveLength(1502);
    expect(exported.map((row) => row.idTag)).not.toEqual(expect.arrayContaining(['TAG-X', 'TAG-Y', 'TAG-Z', 'TAG-V']));
    expect(exported.find((row) => row.idTag === 'tag-0')).toMatchObject({ status: 'Accepted', parentIdTag: '' });
    expect(exported.find((row) => row.idTag === 'TAG-3')).toMatchObject({ status: 'Blocked', parentIdTag: 'TAG-PARENT' });
    expect(exported.find((row) => row.idTag === 'TAG-7')).toMatchObject({ expiryDate: '2030-01-01T00:00:00.000Z' });
  });
});

describe('GraphQL import', () => {
  it('imports lists all or nothing, reporting bad items by position', async () => {
    const bad = await b.owner.request(
      `mutation($input: ImportIdTagsInput!) { importIdTags(input: $input) { imported } }`,
      { input: { idTags: [{ idTag: 'B-1' }, { idTag: 'B-1' }, { idTag: 'B-2', parentIdTag: '' }] } },
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problemCount: 2, problems: [{ line: 2, field: 'idTag' }, { line: 3, field: 'parentIdTag' }] });
    expect(await exportCsv('id-tags.csv', b.ownerKey)).toEqual([]);

    const { importIdTags } = await b.owner.data(
      `mutation($input: ImportIdTagsInput!) { importIdTags(input: $input) { imported created updated } }`,
      { input: { idTags: [{ idTag: 'B-1', status: 'Blocked' }, { idTag: 'B-2', expiryDate: '2031-05-01T00:00:00Z' }] } },
    );
    expect(importIdTags).toEqual({ imported: 2, created: 2, updated: 0 });
    const { importChargePoints } = await b.owner.data(
      `mutation($input: ImportChargePointsInput!) { importChargePoints(input: $input) { imported } }`,
      { input: { chargePoints: [{ id: 'B-CP-1' }, { id: 'B-CP-2', registrationStatus: 'Rejected' }] } },
    );
    expect(importChargePoints).toEqual({ imported: 2 });
    expect((await exportCsv('charge-points.csv', b.ownerKey)).map((row) => [row.id, row.registrationStatus])).toEqual([
      ['B-CP-1', 'Accepted'],
      ['B-CP-2', 'Rejected'],
    ]);
    const viewer = await b.keyFor('VIEWER');
    const { graphqlClient } = await import('./support/graphql-client');
    expect(await graphqlClient(server, viewer).errorCode(`mutation { importChargePoints(input: { chargePoints: [{ id: "V-1" }] }) { imported } }`)).toBe('FORBIDDEN');
  });
});

describe('transactions export', () => {
  it('lists a tenant’s transactions in the range with energy, id tag, times and stop reason, and nothing of another tenant', async () => {
    const cp = chargers[0]; // CP-PW of tenant A
    await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Bulk' });
    const started = '2026-03-01T10:00:00.000Z';
    const { transactionId } = await cp.call('StartTransaction', { connectorId: 1, idTag: 'TAG-1', meterStart: 1000, timestamp: started });
    await cp.call('StopTransaction', { transactionId, idTag: 'TAG-1', meterStop: 8500, timestamp: '2026-03-01T11:30:00.000Z', reason: 'EVDisconnected' });

    const rows = await exportCsv('transactions.csv?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z', a.ownerKey);
    expect(rows).toEqual([
      expect.objectContaining({
        id: String(transactionId),
        chargePointId: 'CP-PW',
        connectorId: '1',
        idTag: 'TAG-1',
        startTimestamp: started,
        stopTimestamp: '2026-03-01T11:30:00.000Z',
        meterStart: '1000',
        meterStop: '8500',
        energyWh: '7500',
        stopReason: 'EVDisconnected',
      }),
    ]);
    expect(await exportCsv('transactions.csv?from=2026-03-02T00:00:00Z', a.ownerKey)).toEqual([]);
    expect(await exportCsv('transactions.csv', b.ownerKey)).toEqual([]);
    const other = await exportCsv('charge-points.csv', b.ownerKey);
    expect(other.map((row) => row.id)).not.toContain('CP-PW');
    const badRange = await fetch(url('/export/transactions.csv?from=yesterday'), { headers: { authorization: `Bearer ${a.ownerKey}` } });
    expect(badRange.status).toBe(400);
    expect((await fetch(url('/export/transactions.csv'))).status).toBe(401);
  });
});
