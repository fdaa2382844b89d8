import { platformEm, platformSql, tenantEm, tenantSql, type TenantEm } from '../src/platform/db';
import type { RunningServer } from '../src/server';
import { startTestServer } from './support/harness';
import { seedTenant } from './support/seed';

/**
 * The tenant scope the compiler sees: a TenantEm and a PlatformEm are different types, and raw SQL on tenant
 * data goes through tenantSql, which binds the scope's tenant wherever the statement writes `$tenant`.
 */
let server: RunningServer;
let tenantA: Awaited<ReturnType<typeof seedTenant>>;
let tenantB: Awaited<ReturnType<typeof seedTenant>>;

beforeAll(async () => {
  server = await startTestServer();
  tenantA = await seedTenant(server);
  tenantB = await seedTenant(server);
  // The same identity in both tenants: only the tenant tells the rows apart.
  await tenantA.chargePoint('CP-SCOPE');
  await tenantB.chargePoint('CP-SCOPE');
});

afterAll(async () => {
  await server.stop();
});

const identityOwners = (em: TenantEm) =>
  tenantSql<{ tenant_id: string }>(em, 'select tenant_id from charge_point where tenant_id = $tenant and identity = ?', ['CP-SCOPE']);

it("binds the scope's tenant: each scope sees and changes only its own row", async () => {
  expect(await identityOwners(tenantEm(server.app.orm, tenantA.tenantId))).toEqual([{ tenant_id: tenantA.tenantId }]);
  expect(await identityOwners(tenantEm(server.app.orm, tenantB.tenantId))).toEqual([{ tenant_id: tenantB.tenantId }]);

  const changed = await tenantSql<{ tenant_id: string }>(
    tenantEm(server.app.orm, tenantA.tenantId),
    `update charge_point set vendor = ? where tenant_id = $tenant and identity = ? returning tenant_id`,
    ['scoped-vendor', 'CP-SCOPE'],
  );
  expect(changed).toEqual([{ tenant_id: tenantA.tenantId }]);
  const vendors = await platformSql<{ tenant_id: string; vendor: string | null }>(server.app.orm, `select tenant_id, vendor from charge_point where identity = 'CP-SCOPE'`, []);
  expect(new Map(vendors.map((v) => [v.tenant_id, v.vendor]))).toEqual(
    new Map([
      [tenantA.tenantId, 'scoped-vendor'],
      [tenantB.tenantId, null],
    ]),
  );
});

it('binds `$tenant` in its place among the other values, and leaves an escaped question mark alone', async () => {
  const [row] = await tenantSql<{ first: string; tenant: string; again: string; last: string; has_key: boolean }>(
    tenantEm(server.app.orm, tenantA.tenantId),
    `select ?::text as first, $tenant::text as tenant, $tenant::text as again, ?::text as last, '{"k":1}'::jsonb \\? 'k' as has_key`,
    ['one', 'two'],
  );
  expect(row).toEqual({ first: 'one', tenant: tenantA.tenantId, again: tenantA.tenantId, last: 'two', has_key: true });
});

it("runs inside the scope's transaction", async () => {
  const em = tenantEm(server.app.orm, tenantA.tenantId);
  await expect(
    em.transactional(async (tx) => {
      await tenantSql(tx, `update charge_point set vendor = 'rolled-back' where tenant_id = $tenant and identity = ?`, ['CP-SCOPE']);
      throw new Error('roll back');
    }),
  ).rejects.toThrow('roll back');
  const [row] = await tenantSql<{ vendor: string }>(em, 'select vendor from charge_point where tenant_id = $tenant and identity = ?', ['CP-SCOPE']);
  expect(row.vendor).toBe('scoped-vendor');
});

it('refuses a statement whose values do not match its placeholders', async () => {
  const em = tenantEm(server.app.orm, tenantA.tenantId);
  await expect(tenantSql(em, 'select ?::text as a, $tenant::text as t', ['a', 'extra'])).rejects.toThrow('2 values for 1 placeholders');
});

it('keeps the scopes apart: the compiler refuses a swap, and so does the run time', async () => {
  // @ts-expect-error a platform scope is no tenant scope
  await expect(tenantSql(platformEm(server.app.orm), 'select 1 as one where $tenant is not null', [])).rejects.toThrow('tenantSql needs a tenant scope');
  // @ts-expect-error a tenant scope is no platform scope
  await expect(platformSql(tenantEm(server.app.orm, tenantA.tenantId), 'select 1 as one', [])).rejects.toThrow('platformSql needs a platform scope');
  // @ts-expect-error an unscoped EntityManager is neither
  await expect(tenantSql(server.app.orm.em.fork(), 'select 1 as one where $tenant is not null', [])).rejects.toThrow('tenantSql needs a tenant scope');
  // A transaction (a fork) keeps its scope, as its type says.
  const inside = await tenantEm(server.app.orm, tenantB.tenantId).transactional((tx) => identityOwners(tx));
  expect(inside).toEqual([{ tenant_id: tenantB.tenantId }]);
});
