import { ChargePoint } from '../src/modules/charge-point/charge-point.entity';
import { platformEm, platformSql, tenantEm, tenantSql } from '../src/platform/db';
import type { RunningServer } from '../src/server';
import { connectChargePoint, startTestServer } from './support/harness';
import { seedTenant } from './support/seed';

/**
 * PostgreSQL row-level security under the application's roles, the net under the tenant filter and
 * tenantSql: whatever a statement says, it reaches only its own tenant's rows, and without a tenant none.
 */
let server: RunningServer;
let tenantA: Awaited<ReturnType<typeof seedTenant>>;
let tenantB: Awaited<ReturnType<typeof seedTenant>>;

beforeAll(async () => {
  server = await startTestServer();
  tenantA = await seedTenant(server);
  tenantB = await seedTenant(server);
  await tenantA.chargePoint('CP-RLS');
  await tenantB.chargePoint('CP-RLS');
  await tenantB.chargePoint('CP-RLS-B-ONLY');
});

afterAll(async () => {
  await server.stop();
});

/** A statement straight on the pool, in no scope at all. */
const unscoped = <T>(sql: string, params: unknown[] = []) => server.app.orm.em.getConnection().execute<T[]>(sql, params, 'all');

it('puts every tenant table under forced row-level security with a policy, and creates the two roles', async () => {
  const tables = await platformSql<{ table_name: string; rls: boolean; forced: boolean; policies: number }>(
    server.app.orm,
    `select c.relname as table_name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
            (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`,
    [],
  );
  expect(tables.length).toBeGreaterThanOrEqual(25);
  expect(tables.filter((t) => !t.rls || !t.forced || t.policies !== 1)).toEqual([]);
  const roles = await platformSql<{ rolname: string; rolbypassrls: boolean; rolcanlogin: boolean; rolsuper: boolean }>(
    server.app.orm,
    `select rolname, rolbypassrls, rolcanlogin, rolsuper from pg_roles where rolname in ('qcharge_app', 'qcharge_platform') order by rolname`,
    [],
  );
  expect(roles).toEqual([
    { rolname: 'qcharge_app', rolbypassrls: false, rolcanlogin: false, rolsuper: false },
    { rolname: 'qcharge_platform', rolbypassrls: true, rolcanlogin: false, rolsuper: false },
  ]);
});

it('runs statements under the application roles, never as the connecting superuser', async () => {
  const [tenant] = await tenantSql<{ role: string; tenant: string }>(tenantEm(server.app.orm, tenantA.tenantId), `select current_user as role, $tenant::text as tenant`, []);
  expect(tenant).toEqual({ role: 'qcharge_app', tenant: tenantA.tenantId });
  const [platform] = await platformSql<{ role: string }>(server.app.orm, 'select current_user as role', []);
  expect(platform.role).toBe('qcharge_platform');
  const [none] = await unscoped<{ role: string; tenant: string | null }>(`select current_user as role, nullif(current_setting('qcharge.tenant_id', true), '') as tenant`);
  expect(none).toEqual({ role: 'qcharge_app', tenant: null });
});

it('keeps the scope inside transactions: their statements run under the application roles too, and see only their tenant', async () => {
  // knex runs a transaction's statements on a client of its own (made from the client class's prototype).
  const inside = await tenantEm(server.app.orm, tenantA.tenantId).transactional(async (tx) => {
    const [who] = await tenantSql<{ role: string; tenant: string }>(tx, `select current_user as role, $tenant::text as tenant`, []);
    const all = await tenantSql<{ tenant_id: string }>(tx, `select tenant_id from charge_point where identity like 'CP-RLS%'`, []);
    const viaOrm = await tx.find(ChargePoint, {}, { filters: false });
    return { who, tenants: [...new Set(all.map((r) => r.tenant_id))], orm: [...new Set(viaOrm.map((cp) => cp.tenantId))] };
  });
  expect(inside).toEqual({ who: { role: 'qcharge_app', tenant: tenantA.tenantId }, tenants: [tenantA.tenantId], orm: [tenantA.tenantId] });
  const platform = await platformEm(server.app.orm).transactional(async (tx) => platformSql<{ role: string }>(tx, 'select current_user as role', []));
  expect(platform).toEqual([{ role: 'qcharge_platform' }]);
  // And nothing leaks out of a transaction onto the pooled connection afterwards.
  const [after] = await unscoped<{ role: string; tenant: string | null }>(`select current_user as role, nullif(current_setting('qcharge.tenant_id', true), '') as tenant`);
  expect(after).toEqual({ role: 'qcharge_app', tenant: null });
});

it('shows a statement with no tenant set no rows, and leaves none set behind on a pooled connection', async () => {
  const [all] = await platformSql<{ n: number }>(server.app.orm, `select count(*)::int as n from charge_point where identity like 'CP-RLS%'`, []);
  expect(all.n).toBe(3);
  // Tenant statements and unscoped ones interleaved on the same small pool: the tenant never lingers.
  for (let round = 0; round < 5; round++) {
    const [seen] = await Promise.all([
      unscoped<{ n: number }>(`select count(*)::int as n from charge_point`),
      tenantSql(tenantEm(server.app.orm, tenantA.tenantId), 'select 1 as one from charge_point where tenant_id = $tenant', []),
      unscoped<{ n: number }>(`select count(*)::int as n from charge_point`),
    ]);
    expect(seen[0].n).toBe(0);
  }
  expect(await unscoped(`update charge_point set vendor = 'nobody' returning identity`)).toEqual([]);
});

it('keeps each run of a prepared statement in its own scope: one statement text for A, B and the platform at once', async () => {
  // Outside a transaction these go to the hot statements' pool as one named prepared statement; each run
  // takes its scope from its caller, whatever ran before it on that connection.
  const sql = `select count(*)::int as n from charge_point where identity like 'CP-RLS%'`;
  const scopes = [
    () => tenantSql<{ n: number }>(tenantEm(server.app.orm, tenantA.tenantId), sql, []),
    () => tenantSql<{ n: number }>(tenantEm(server.app.orm, tenantB.tenantId), sql, []),
    () => platformSql<{ n: number }>(server.app.orm, sql, []),
  ];
  const counts = await Promise.all(Array.from({ length: 60 }, (_, i) => scopes[i % 3]().then(([row]) => row.n)));
  expect(counts).toEqual(Array.from({ length: 60 }, (_, i) => [1, 2, 3][i % 3]));
});

it("keeps tenant A off B's rows even in raw SQL that names B", async () => {
  const a = tenantEm(server.app.orm, tenantA.tenantId);
  // Reads: naming B's tenant id outright, or turning the ORM's tenant filter off.
  expect(await tenantSql(a, `select identity from charge_point where tenant_id = ?`, [tenantB.tenantId])).toEqual([]);
  const viaOrm = await tenantEm(server.app.orm, tenantA.tenantId).find(ChargePoint, {}, { filters: false });
  expect(viaOrm.map((cp) => cp.tenantId)).toEqual([tenantA.tenantId]);
  // Writes: an update of B's rows changes nothing, an insert of a row for B is refused.
  expect(await tenantSql(a, `update charge_point set vendor = 'from-A' where tenant_id = ? returning identity`, [tenantB.tenantId])).toEqual([]);
  await expect(
    tenantSql(a, `insert into charge_point (pk, tenant_id, identity, registration_status, created_at) values (gen_random_uuid(), ?, 'CP-PLANTED', 'Accepted', now())`, [tenantB.tenantId]),
  ).rejects.toThrow(/row-level security/);
  // Moving one's own row to B is refused too (the policy's WITH CHECK).
  await expect(tenantSql(a, `update charge_point set tenant_id = ? where tenant_id = $tenant and identity = 'CP-RLS'`, [tenantB.tenantId])).rejects.toThrow(
    /row-level security/,
  );
  const vendors = await platformSql<{ tenant_id: string; vendor: string | null }>(server.app.orm, `select tenant_id, vendor from charge_point where identity like 'CP-%' and tenant_id = ?`, [
    tenantB.tenantId,
  ]);
  expect(vendors.every((v) => v.vendor !== 'from-A')).toBe(true);
  expect(vendors).toHaveLength(2);
});

it('lets the platform scope, kept for the statements that span tenants, see every tenant', async () => {
  const rows = await platformEm(server.app.orm).find(ChargePoint, { identity: 'CP-RLS' }, { filters: false });
  expect(rows.map((cp) => cp.tenantId).sort()).toEqual([tenantA.tenantId, tenantB.tenantId].sort());
});

it('writes what it is given: values sent inline with the scope come back as they went', async () => {
  const tricky = `it's a \\ back'slash $1 ? $tenant "quoted" ünïcødé`;
  const at = new Date('2031-02-03T04:05:06.789Z');
  const [row] = await tenantSql<{ text: string; bytes: Buffer; at: string; nothing: null; json: { k: string }; n: number }>(
    tenantEm(server.app.orm, tenantA.tenantId),
    `select ?::text as text, ?::bytea as bytes, ?::timestamptz as at, ?::text as nothing, ?::jsonb as json, ?::integer + 1 as n`,
    [tricky, Buffer.from([0, 1, 254, 255]), at, null, JSON.stringify({ k: tricky }), 41],
  );
  expect(row.text).toBe(tricky);
  expect([...row.bytes]).toEqual([0, 1, 254, 255]);
  expect(new Date(row.at).getTime()).toBe(at.getTime());
  expect(row.nothing).toBeNull();
  expect(row.json).toEqual({ k: tricky });
  expect(row.n).toBe(42);
});

it('isolates the batched writers that span tenants: one batch, the same identity in two tenants, each row in its own tenant', async () => {
  const chargerA = await connectChargePoint({ server, tenantSlug: tenantA.slug, identity: 'CP-RLS' });
  const chargerB = await connectChargePoint({ server, tenantSlug: tenantB.slug, identity: 'CP-RLS' });
  try {
    await tenantA.idTag('TAG-RLS');
    const start = await chargerA.call('StartTransaction', { connectorId: 1, idTag: 'TAG-RLS', meterStart: 0, timestamp: new Date().toISOString() });
    const sample = (value: string) => [{ timestamp: new Date().toISOString(), sampledValue: [{ value }] }];
    // Handed in together, so they go in one group-committed statement; B names A's transaction id.
    const [linkedA, linkedB] = await Promise.all([
      server.app.meterValues.record({ tenantId: tenantA.tenantId, chargePointId: 'CP-RLS', connectorId: 1, transactionId: start.transactionId, meterValue: sample('rls-a') }),
      server.app.meterValues.record({ tenantId: tenantB.tenantId, chargePointId: 'CP-RLS', connectorId: 1, transactionId: start.transactionId, meterValue: sample('rls-b') }),
    ]);
    expect(linkedA?.id).toBe(start.transactionId);
    expect(linkedB).toBeNull();
    const own = async (tenantId: string) =>
      tenantSql<{ value: string; transaction_id: number | null }>(
        tenantEm(server.app.orm, tenantId),
        `select sampled_value->0->>'value' as value, transaction_id from meter_value where tenant_id = $tenant and sampled_value->0->>'value' like 'rls-%'`,
        [],
      );
    expect(await own(tenantA.tenantId)).toEqual([{ value: 'rls-a', transaction_id: start.transactionId }]);
    expect(await own(tenantB.tenantId)).toEqual([{ value: 'rls-b', transaction_id: null }]);
    // The last-seen batch: both connects land, each on its own tenant's charge point.
    await server.app.lastSeen.flush();
    const seen = await platformSql<{ tenant_id: string; connected: boolean }>(
      server.app.orm,
      `select tenant_id, last_connected_at is not null as connected from charge_point where identity = 'CP-RLS'`,
      [],
    );
    expect(seen.filter((s) => s.connected).map((s) => s.tenant_id).sort()).toEqual([tenantA.tenantId, tenantB.tenantId].sort());
  } finally {
    await chargerA.close({ force: true }).catch(() => undefined);
    await chargerB.close({ force: true }).catch(() => undefined);
  }
});
