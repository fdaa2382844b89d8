/**
 * The worker refreshes PostgreSQL's planner statistics of a table that grew fast (a fresh database, a bulk
 * import) instead of leaving it to autovacuum's next visit, up to a minute later.
 */
import { ownerSql } from '../src/platform/db';
import type { RunningServer } from '../src/server';
import { apiTenant } from './support/graphql-client';
import { eventually, startTestServer } from './support/harness';

jest.setTimeout(60_000);

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
  // Autovacuum must not be what analyzes the table here.
  await ownerSql(server.app.orm, 'alter table id_tag set (autovacuum_enabled = false)', []);
});

afterAll(async () => {
  await ownerSql(server.app.orm, 'alter table id_tag reset (autovacuum_enabled)', []);
  await server?.stop();
});

const statistics = async () =>
  (await ownerSql<{ reltuples: number }>(server.app.orm, `select reltuples::float8 as reltuples from pg_class where relname = 'id_tag' and relnamespace = current_schema()::regnamespace`, []))[0]
    .reltuples;

it('analyzes a table within seconds of a bulk import that outgrew its statistics', async () => {
  const tenant = await apiTenant(server);
  const before = await statistics();
  const csv = ['idTag,status', ...Array.from({ length: 3000 }, (_, i) => `STATS-${i},Accepted`)].join('\n');
  const imported = await fetch(`http://127.0.0.1:${server.apiPort}/import/id-tags`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${tenant.ownerKey}` },
    body: csv,
  });
  expect(imported.status).toBe(200);
  // The check runs every 10 s; the statistics then count the imported rows.
  const after = await eventually(async () => {
    const reltuples = await statistics();
    return reltuples >= 3000 ? reltuples : undefined;
  }, 25_000, 250);
  expect(before).toBeLessThan(3000);
  expect(after).toBeGreaterThanOrEqual(3000);
});
