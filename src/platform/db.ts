import { EntityManager as AnyEntityManager } from '@mikro-orm/core';
import { MikroORM, ReflectMetadataProvider, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { Client, type PoolConfig } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';
import { TENANT_FILTER } from './tenant-filter';
import type { Logger } from './logger';
import { countPostgresError } from './metrics';
import { ensureDatabase } from './ensure-database';
import { redactSqlError } from './sql-error-redaction';
import { asOwner, enforceScopes, fastEscapes, inPlatformScope, inTenantScope, scoped } from './db-scope';
import { StatementPool } from './statement-pool';

export { ensureDatabase };

export type Orm = MikroORM;

/**
 * Every table is in memory (shared buffers or the OS cache), so a random page costs about what a
 * sequential one does. At the default (4) the planner joined a batch's jsonb_to_recordset (which it
 * always guesses at 100 rows) to charge_point by scanning all of it once its statistics lagged behind
 * a bulk insert: a 10,000-charger connection storm scanned the table in every batch statement.
 *
 * No QCharge transaction waits for anything but the database, so a session idle inside one for a minute
 * belongs to a process that froze or lost its network: PostgreSQL ends it and frees its locks, where
 * otherwise they would stay until TCP gave up on the connection (hours).
 */
const SESSION_OPTIONS = { options: '-c random_page_cost=1.1 -c idle_in_transaction_session_timeout=60000' };

export function ormOptions(databaseUrl: string, poolMax = 20) {
  return {
    clientUrl: databaseUrl,
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 1, max: poolMax },
    driverOptions: { connection: SESSION_OPTIONS },
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    debug: false,
  };
}

const MIGRATION_LOCK_KEY = 0x71c4a26e;

/** Runs pending migrations under an advisory lock, so processes starting together never race. */
export async function migrate(orm: Orm, databaseUrl: string, log: Logger): Promise<void> {
  const lockClient = new Client({ connectionString: databaseUrl });
  await lockClient.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const executed = await asOwner(() => orm.getMigrator().up());
    if (executed.length > 0) log.info({ migrations: executed.map((m) => m.name) }, 'applied migrations');
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockClient.end();
  }
}

export async function openDatabase(databaseUrl: string, log: Logger, poolMax?: number): Promise<Orm> {
  await ensureDatabase(databaseUrl, log);
  const orm = await MikroORM.init(ormOptions(databaseUrl, poolMax));
  countPostgresErrors(orm);
  enforceScopes(orm);
  fastEscapes(orm);
  await migrate(orm, databaseUrl, log);
  openStatementPool(orm, Math.max(2, Math.ceil((poolMax ?? 20) / 2)), log);
  return orm;
}

/** The statement pools of the open databases, by their MikroORM connection (the same for every fork of its ORM). */
const statementPools = new WeakMap<object, StatementPool>();

/** The hot statements' own connections (half as many again as the ORM's pool), opened as they are needed. */
function openStatementPool(orm: Orm, max: number, log: Logger): void {
  const connection = orm.em.getConnection();
  const driver = orm.em.getDriver();
  const pool = new StatementPool(
    // As the ORM's pool (knex, tarn): a statement waits at most a minute for a connection, and an idle one
    // is closed after 30 s (with it its prepared statements, parsed again on the next).
    { ...(connection.getConnectionOptions() as PoolConfig), ...SESSION_OPTIONS, max, connectionTimeoutMillis: 60_000, idleTimeoutMillis: 30_000 },
    (error, sql) => {
      countPostgresError(error);
      redactSqlError(error, sql);
      return driver.convertException(error);
    },
    (error) => {
      countPostgresError(error);
      log.warn({ err: error }, 'idle PostgreSQL connection lost');
    },
  );
  statementPools.set(connection, pool);
}

/** Closes what `openDatabase` opened. */
export async function closeDatabase(orm: Orm): Promise<void> {
  const connection = orm.em.getConnection();
  await statementPools.get(connection)?.end();
  statementPools.delete(connection);
  await orm.close();
}

/**
 * Failed queries and failed connection attempts (PostgreSQL down) go to qcharge_postgres_errors_total.
 * A failed query's error loses its bound values here, before it travels up to whoever logs it.
 */
function countPostgresErrors(orm: Orm): void {
  const knex = orm.em.getConnection().getKnex();
  knex.on('query-error', (error: unknown, query: { sql?: string }) => {
    countPostgresError(error);
    if (error instanceof Error) redactSqlError(error, query?.sql);
  });
  (knex.client as { pool?: { on(event: 'createFail', listener: (eventId: number, error: unknown) => void): void } }).pool?.on('createFail', (_eventId, error) =>
    countPostgresError(error),
  );
}

/**
 * The two scopes an EntityManager can have, told apart by the compiler: a `TenantEm` (only `tenantEm` makes
 * one) has the tenant filter on and lets `tenantSql` bind its tenant; a `PlatformEm` (only `platformEm`
 * makes one) is for platform tables and the few named statements that span tenants. Neither stands in for
 * the other, and a plain EntityManager stands in for neither. Forks and transactions keep the brand
 * (MikroORM types them as `this`) and, at run time, the tenant (the filter parameters are copied).
 */
declare const scopeBrand: unique symbol;
export type TenantEm = EntityManager & { readonly [scopeBrand]: 'tenant' };
export type PlatformEm = EntityManager & { readonly [scopeBrand]: 'platform' };

/**
 * The one way to touch tenant data: a fresh EntityManager fork with the tenant filter switched on.
 * Used by the OCPP dispatcher, the GraphQL context and every job processor.
 */
export function tenantEm(orm: Orm, tenantId: string): TenantEm {
  if (!tenantId) throw new Error('tenantEm needs a tenant id');
  let em: EntityManager | undefined;
  const fork = (): EntityManager => {
    if (em) return em;
    const forked = orm.em.fork({ clear: true });
    forked.setFilterParams(TENANT_FILTER, { tenantId });
    // Row-level security: every statement it (or a fork, transaction or query builder of it) runs is in the tenant's scope.
    return (em = scoped(forked, (work) => inTenantScope(tenantId, work)));
  };
  // The fork is made on first use: until then its tenant and that it is in no transaction are known without
  // one (a command or a group-committed write may need nothing else, and a fork costs ~0.1 ms).
  const unforked: Record<PropertyKey, unknown> = {
    getFilterParams: (name: string) => (name === TENANT_FILTER ? { tenantId } : fork().getFilterParams(name)),
    getTransactionContext: () => undefined,
    // Every fork shares the ORM's connection (tenantSql needs it to find the statement pool).
    getConnection: () => orm.em.getConnection(),
  };
  // The target only lends the class (instanceof): every access goes to the fork.
  return new Proxy(Object.create(Object.getPrototypeOf(orm.em)) as EntityManager, {
    get: (_target, property) => (em === undefined && Object.hasOwn(unforked, property) ? unforked[property] : Reflect.get(fork(), property)),
    set: (_target, property, value) => Reflect.set(fork(), property, value),
    has: (_target, property) => Reflect.has(fork(), property),
  }) as TenantEm;
}

/** An EntityManager for platform-level tables (tenants, key lookup); tenant-owned entities still need a tenant. */
export function platformEm(orm: Orm): PlatformEm {
  return scoped(orm.em.fork({ clear: true }), inPlatformScope) as PlatformEm;
}

/** The tenant a scope is bound to; undefined for a platform scope. */
export function scopeTenant(em: TenantEm | PlatformEm): string | undefined {
  return (em.getFilterParams<{ tenantId?: string }>(TENANT_FILTER) as { tenantId?: string } | undefined)?.tenantId;
}

/**
 * Where a raw statement runs: a tenant's EntityManager, a platform one, or the ORM itself for platform
 * statements outside any transaction (the group-committed writers, whose rows each name their tenant): no
 * EntityManager is forked or proxied for those, the statement goes straight to the statement pool.
 */
export type SqlScope = TenantEm | PlatformEm | Orm;

/** `tenantSql` in a tenant's scope, `platformSql` otherwise. */
export function scopedSql<T extends object>(scope: SqlScope, sql: string, params: readonly unknown[]): Promise<T[]> {
  return scopeTenantOf(scope) === undefined ? platformSql<T>(scope as Orm | PlatformEm, sql, params) : tenantSql<T>(scope as TenantEm, sql, params);
}

/** The tenant of a `SqlScope`; undefined for the platform (an ORM is always the platform). */
export function scopeTenantOf(scope: SqlScope): string | undefined {
  return scope instanceof AnyEntityManager ? scopeTenant(scope as TenantEm | PlatformEm) : undefined;
}

/** Where a raw statement on tenant data names its tenant: `tenantSql` binds the scope's tenant id there. */
export const TENANT = '$tenant';
const TENANT_PATTERN = /\\\?|\?\??|\$tenant\b/g;
const TENANT_SLOT = -1;
/** Statement texts kept rewritten; beyond these (a text built per call), each call rewrites its own. */
const MAX_TENANT_STATEMENTS = 512;
const tenantStatements = new Map<string, { text: string; slots: number[]; values: number }>();

/**
 * `sql` with `$tenant` made a placeholder, and for each placeholder in order what it binds: the tenant
 * (TENANT_SLOT) or the index of a value. Kept per text, so a hot statement is rewritten once and its text is
 * the same string each call (the statement pool finds its prepared statement by it).
 */
function tenantStatement(sql: string): { text: string; slots: number[]; values: number } {
  const known = tenantStatements.get(sql);
  if (known) return known;
  const slots: number[] = [];
  let values = 0;
  const text = sql.replace(TENANT_PATTERN, (token) => {
    if (token === TENANT) {
      slots.push(TENANT_SLOT);
      return '?';
    }
    // `??` (an identifier) takes a value as `?` does; an escaped `\\?` takes none.
    if (token !== '\\?') slots.push(values++);
    return token;
  });
  const statement = { text, slots, values };
  if (tenantStatements.size < MAX_TENANT_STATEMENTS) tenantStatements.set(sql, statement);
  return statement;
}

/**
 * Parameterized SQL in a tenant scope (inside its transaction when it has one), for hot paths where
 * building and hydrating entities costs more than the statement itself. The statement writes `$tenant`
 * wherever it names its tenant (`where tenant_id = $tenant`, `values ($tenant::uuid, ...)`) and `?` for
 * its other values, bound from `params` in order; the tenant id is bound from the scope, never by hand.
 */
export async function tenantSql<T extends object>(em: TenantEm, sql: string, params: readonly unknown[]): Promise<T[]> {
  const tenantId = scopeTenant(em);
  if (!tenantId) throw new Error('tenantSql needs a tenant scope');
  const { text, slots, values } = tenantStatement(sql);
  if (values !== params.length) throw new Error(`tenantSql: ${params.length} values for ${values} placeholders`);
  const bound = slots.map((slot) => (slot === TENANT_SLOT ? tenantId : params[slot]));
  const transaction = em.getTransactionContext();
  const pool = transaction ? undefined : statementPools.get(em.getConnection());
  return inTenantScope(tenantId, () => (pool ? pool.query<T>(text, bound) : em.getConnection().execute<T[]>(text, bound, 'all', transaction)));
}

/**
 * Parameterized SQL outside any tenant, for the few statements that deliberately span tenants or come
 * before one is known: the group-committed writers (their rows each name their tenant), the WebSocket
 * upgrade's charge-point lookup, API-key lookups. On an `Orm` it runs on the pool, on a `PlatformEm`
 * inside its transaction when it has one.
 */
export async function platformSql<T extends object>(scope: Orm | PlatformEm, sql: string, params: readonly unknown[]): Promise<T[]> {
  const isEm = scope instanceof AnyEntityManager;
  if (isEm && scopeTenant(scope) !== undefined) throw new Error('platformSql needs a platform scope');
  const connection = isEm ? scope.getConnection() : scope.em.getConnection();
  const transaction = isEm ? scope.getTransactionContext() : undefined;
  const pool = transaction ? undefined : statementPools.get(connection);
  return inPlatformScope(() => (pool ? pool.query<T>(sql, params) : connection.execute<T[]>(sql, params as unknown[], 'all', transaction)));
}

/**
 * A statement as the tables' owner (no role change, so row-level security does not apply): only for
 * maintenance that needs ownership (ANALYZE), never on tenant data.
 */
export function ownerSql<T extends object>(orm: Orm, sql: string, params: readonly unknown[]): Promise<T[]> {
  return asOwner(() => orm.em.getConnection().execute<T[]>(sql, params as unknown[], 'all'));
}
