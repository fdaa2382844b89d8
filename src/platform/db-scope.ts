import { AsyncLocalStorage } from 'node:async_hooks';
import { EntityManager } from '@mikro-orm/core';
import { QueryBuilder, type MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';

/** node-postgres's own conversion of a bind value to what it sends (text, a Buffer, or null). */
const { prepareValue } = (pg as unknown as { utils: { prepareValue(value: unknown): string | Buffer | null } }).utils;

/**
 * Row-level security needs every statement to reach PostgreSQL under the right role and tenant. This file
 * is the one place that does it (the policies themselves: Migration20261206170000_row_level_security).
 *
 * The scope of a statement is kept in an AsyncLocalStorage: a tenant (role qcharge_app, policies on, the
 * tenant in `qcharge.tenant_id`), the platform (role qcharge_platform, BYPASSRLS: the short list of
 * statements that span tenants) or the owner (no role change: migrations only). A statement with no scope
 * runs as qcharge_app with no tenant, and the policies then show it no rows: fail closed.
 *
 * The scope is sent in the statement's own round trip: `select set_config('role', ..., true),
 * set_config('qcharge.tenant_id', ..., true); <statement>` as one simple-protocol query, whose statements
 * PostgreSQL runs in one implicit transaction (or in the open transaction), so the settings are local to
 * it and never outlive it on a pooled connection. The simple protocol takes no bind parameters, so the
 * statement's values are written into it as quoted literals, exactly as node-postgres would send them
 * (`prepareValue`), untyped like a bind parameter, so PostgreSQL resolves their types the same way.
 * MikroORM has no public hook that sees both the statement and its connection, so this patches knex's
 * PostgreSQL client (`_query`, and the response of a multi-statement query is its last result).
 */
type Scope = { kind: 'tenant'; tenantId: string } | { kind: 'platform' } | { kind: 'owner' };

const scopes = new AsyncLocalStorage<Scope>();
const PLATFORM: Scope = { kind: 'platform' };
const OWNER: Scope = { kind: 'owner' };

export const APP_ROLE = 'qcharge_app';
export const PLATFORM_ROLE = 'qcharge_platform';

export function inTenantScope<T>(tenantId: string, work: () => T): T {
  return scopes.run({ kind: 'tenant', tenantId }, work);
}

export function inPlatformScope<T>(work: () => T): T {
  return scopes.run(PLATFORM, work);
}

/** As the connecting user (the tables' owner): migrations, and tests that change the schema. */
export function asOwner<T>(work: () => T): T {
  return scopes.run(OWNER, work);
}

/**
 * An EntityManager (or query builder) whose every method call runs in `scope`, and whose forks and query
 * builders do too: a transaction's callback runs inside the `transactional` call, so in its scope.
 */
export function scoped<T extends object>(target: T, run: <R>(work: () => R) => R): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object);
      if (typeof value !== 'function' || property === 'constructor') return value;
      return (...args: unknown[]) => {
        const result = run(() => Reflect.apply(value, object, args));
        return result instanceof EntityManager || result instanceof QueryBuilder ? scoped(result, run) : result;
      };
    },
  });
}

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

/** The role (and tenant, '' for none) a scope's statements run as; undefined for the owner (no role change). */
function roleFor(scope: Scope | undefined): { role: string; tenant: string } | undefined {
  if (scope?.kind === 'owner') return undefined;
  if (scope?.kind === 'platform') return { role: PLATFORM_ROLE, tenant: '' };
  return { role: APP_ROLE, tenant: scope?.kind === 'tenant' ? scope.tenantId : '' };
}

function prefixFor(scope: Scope | undefined): string | undefined {
  if (scope?.kind === 'owner') return undefined;
  if (scope?.kind === 'platform') return `select set_config('role', '${PLATFORM_ROLE}', true)`;
  const tenant = scope?.kind === 'tenant' ? scope.tenantId : '';
  return `select set_config('role', '${APP_ROLE}', true), set_config('qcharge.tenant_id', ${literal(tenant)}, true)`;
}

function literal(value: string | Buffer | null): string {
  if (value === null) return 'NULL';
  if (Buffer.isBuffer(value)) return `'\\x${value.toString('hex')}'::bytea`;
  return escapeLiteral(value);
}

/**
 * node-postgres's escapeLiteral, character for character (quotes and backslashes doubled, ` E` before a
 * literal holding a backslash), in one native replace: pg's builds the literal one character at a time,
 * which for a group-committed batch's JSON (hundreds of KB) costs ~10x the time and as many small strings
 * for the collector. MikroORM quotes raw statements' string values with it too (installed by `fastEscapes`).
 */
export function escapeLiteral(value: string): string {
  let backslash = false;
  const body = value.replace(/['\\]/g, (c) => {
    if (c === '\\') backslash = true;
    return c + c;
  });
  return backslash ? ` E'${body}'` : `'${body}'`;
}

/** `$1`.. replaced by their values as literals (pg numbers them from the `?` knex was given). */
function inline(sql: string, bindings: readonly unknown[]): string {
  if (bindings.length === 0) return sql;
  const values = bindings.map((b) => literal(prepareValue(b)));
  return sql.replace(/\$(\d+)/g, (token, n: string) => values[Number(n) - 1] ?? token);
}

interface KnexPgClient {
  config: object;
  constructor: { prototype: KnexPgClient };
  _query(connection: unknown, obj: { sql: string; bindings?: unknown[]; response?: unknown }): Promise<unknown>;
}

/** The knex configs of the pools whose statements get their scope (a transaction's client shares its pool's config). */
const enforcedConfigs = new WeakSet<object>();
const patchedPrototypes = new WeakSet<object>();

/** MikroORM's PostgreSQL platform quotes string values with `escapeLiteral` above (the same text, faster). */
export function fastEscapes(orm: MikroORM): void {
  const platform = orm.em.getPlatform();
  const escape = platform.escape.bind(platform);
  platform.escape = (value: unknown) => (typeof value === 'string' ? escapeLiteral(value) : escape(value));
}

/**
 * Installs the scope on every statement of this ORM's pool (once, at start). knex runs a transaction's
 * statements on a client made from the client class's prototype (`makeTxClient`), not on the pool's client
 * object, so the patch sits on that prototype and applies to the clients sharing this pool's config: the
 * pool's own, and every transaction's.
 */
export function enforceScopes(orm: MikroORM): void {
  const client = orm.em.getConnection().getKnex().client as unknown as KnexPgClient;
  enforcedConfigs.add(client.config);
  const prototype = client.constructor.prototype;
  if (patchedPrototypes.has(prototype)) return;
  patchedPrototypes.add(prototype);
  const query = prototype._query;
  prototype._query = async function (this: KnexPgClient, connection, obj) {
    const prefix = !enforcedConfigs.has(this.config) || TRANSACTION_CONTROL.test(obj.sql) ? undefined : prefixFor(scopes.getStore());
    if (prefix === undefined) return query.call(this, connection, obj);
    const done = (await query.call(this, connection, { ...obj, sql: `${prefix}; ${inline(obj.sql, obj.bindings ?? [])}`, bindings: [] })) as { response: unknown };
    const response = Array.isArray(done.response) ? done.response[done.response.length - 1] : done.response;
    return Object.assign(obj, { response });
  };
}

/**
 * The scope of a statement sent as a prepared statement (`StatementPool`): the extended protocol has no
 * multi-statement query, but every Execute before one Sync runs in one implicit transaction, so the scope is
 * set by a prepared statement of its own, bound and executed just before the statement in the same write
 * and round trip. It answers no row (the settings are made in a materialized CTE that is read and filtered
 * out), so the statement's result is the query's last one.
 */
const SCOPE_STATEMENT = 'qcharge_scope';
const SCOPE_SQL = `with s as materialized (select set_config('role', $1, true) as r, set_config('qcharge.tenant_id', $2, true) as t) select from s where s.r is null`;

interface PgConnection {
  parsedStatements: Record<string, string>;
  parse(query: { text: string; name: string; types: unknown[] }): void;
  bind(config: { statement: string; values: unknown[]; valueMapper: (value: unknown) => unknown }): void;
  execute(config: object): void;
}

/** The role and tenant a prepared statement runs as: the caller's scope, read now (never the owner's). */
export type StatementScope = { role: string; tenant: string };

export function statementScope(): StatementScope {
  const scope = roleFor(scopes.getStore());
  if (!scope) throw new Error('prepared statements do not run as the owner');
  return scope;
}

/** A node-postgres query that runs in a scope from `statementScope` and always in the extended protocol. */
export class ScopedQuery extends pg.Query {
  /**
   * Whether this run sent a Parse (the scope statement's, or a named statement's). Parses are marked done
   * before they are (the scope statement here; a named statement by node-postgres on any ParseComplete of
   * its query, the scope statement's included), so after a failed run that parsed, the connection's
   * bookkeeping cannot be trusted: whoever ran it drops the connection.
   */
  parsedHere = false;

  constructor(
    config: { name?: string; text: string; values: unknown[] },
    private readonly scope: StatementScope,
    callback: (error: Error | undefined, result: unknown) => void,
  ) {
    super(config, callback);
  }

  /** Without values or a name, node-postgres would send a simple query, which skips `prepare` and with it the scope. */
  requiresPreparation(): boolean {
    return true;
  }

  prepare(connection: PgConnection): void {
    const name = (this as unknown as { name?: string }).name;
    this.parsedHere = name !== undefined && !connection.parsedStatements[name];
    if (connection.parsedStatements[SCOPE_STATEMENT] !== SCOPE_SQL) {
      connection.parse({ text: SCOPE_SQL, name: SCOPE_STATEMENT, types: [] });
      connection.parsedStatements[SCOPE_STATEMENT] = SCOPE_SQL;
      this.parsedHere = true;
    }
    connection.bind({ statement: SCOPE_STATEMENT, values: [this.scope.role, this.scope.tenant], valueMapper: prepareValue });
    connection.execute({});
    (pg.Query.prototype as unknown as { prepare(connection: PgConnection): void }).prepare.call(this, connection);
  }
}
