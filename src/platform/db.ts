import { MikroORM, ReflectMetadataProvider, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';
import { TENANT_FILTER } from './tenant-filter';
import type { Logger } from './logger';
import { countPostgresError } from './metrics';
import { ensureDatabase } from './ensure-database';
import { redactSqlError } from './sql-error-redaction';

export { ensureDatabase };

export type Orm = MikroORM;
export type TenantEm = EntityManager;

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
    const executed = await orm.getMigrator().up();
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
  await migrate(orm, databaseUrl, log);
  return orm;
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
 * The one way to touch tenant data: a fresh EntityManager fork with the tenant filter switched on.
 * Used by the OCPP dispatcher, the GraphQL context and every job processor.
 */
export function tenantEm(orm: Orm, tenantId: string): TenantEm {
  if (!tenantId) throw new Error('tenantEm needs a tenant id');
  const em = orm.em.fork({ clear: true });
  em.setFilterParams(TENANT_FILTER, { tenantId });
  return em;
}

export async function withTenant<T>(orm: Orm, tenantId: string, fn: (em: TenantEm) => Promise<T>): Promise<T> {
  return fn(tenantEm(orm, tenantId));
}

/**
 * Parameterized SQL on the ORM's pool, for hot paths where building and hydrating entities costs more
 * than the statement itself. No filter applies here: every statement on tenant data names
 * `tenant_id = ?` itself, bound from the caller's tenant scope. Values are always bind parameters.
 */
export function sqlRows<T extends object>(orm: Orm, sql: string, params: readonly unknown[]): Promise<T[]> {
  return orm.em.getConnection().execute<T[]>(sql, params as unknown[], 'all');
}

/** An EntityManager for platform-level tables (tenants, key lookup); tenant-owned entities still need a tenant. */
export function platformEm(orm: Orm): TenantEm {
  return orm.em.fork({ clear: true });
}

/** sqlRows on an EntityManager's connection, inside its transaction when it has one. */
export function sqlRowsIn<T extends object>(em: TenantEm, sql: string, params: readonly unknown[]): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params as unknown[], 'all', em.getTransactionContext());
}
