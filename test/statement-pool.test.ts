/**
 * The hot statements' pool (prepared statements, src/platform/statement-pool.ts) through a real server's
 * database: what a rolling upgrade's migration, and PostgreSQL ending a connection, do under it.
 */
import { Client } from 'pg';
import { ownerSql, platformSql } from '../src/platform/db';
import type { RunningServer } from '../src/server';
import { eventually, startTestServer } from './support/harness';

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
  await ownerSql(server.app.orm, 'create table statement_pool_probe (id integer primary key)', []);
  await ownerSql(server.app.orm, 'grant select on statement_pool_probe to qcharge_platform', []);
  await ownerSql(server.app.orm, 'insert into statement_pool_probe values (1), (2)', []);
});

afterAll(async () => {
  await ownerSql(server.app.orm, 'drop table if exists statement_pool_probe', []);
  await ownerSql(server.app.orm, 'drop table if exists statement_pool_later', []);
  await ownerSql(server.app.orm, 'drop table if exists statement_pool_everywhere', []);
  await server?.stop();
});

const probe = () => platformSql<Record<string, unknown>>(server.app.orm, 'select * from statement_pool_probe order by id', []);

it('keeps answering a prepared statement whose result columns a migration changed', async () => {
  // Prepared on several of the pool's connections at once.
  for (const rows of await Promise.all(Array.from({ length: 8 }, probe))) expect(rows).toEqual([{ id: 1 }, { id: 2 }]);
  await ownerSql(server.app.orm, `alter table statement_pool_probe add column note text not null default 'added'`, []);
  // PostgreSQL refuses each connection's stale statement once ("cached plan must not change result type").
  for (const rows of await Promise.all(Array.from({ length: 8 }, probe))) {
    expect(rows).toEqual([
      { id: 1, note: 'added' },
      { id: 2, note: 'added' },
    ]);
  }
});

it('runs a statement that failed to parse once it can: new code before its migration', async () => {
  const later = () => platformSql<{ n: number }>(server.app.orm, 'select count(*)::int as n from statement_pool_later', []);
  // As many at once as the pool has connections (DB_POOL_MAX 20: 10), so fresh ones parse it first too.
  const all = () => Promise.allSettled(Array.from({ length: 10 }, later));
  for (const outcome of await all()) expect(outcome).toMatchObject({ status: 'rejected', reason: { code: '42P01' } });
  await ownerSql(server.app.orm, 'create table statement_pool_later (id integer)', []);
  await ownerSql(server.app.orm, 'grant select on statement_pool_later to qcharge_platform', []);
  for (const outcome of await all()) expect(outcome).toEqual({ status: 'fulfilled', value: [{ n: 0 }] });
});

it('keeps serving when PostgreSQL ends a connection in use while statements wait for one (a restart, an administrator)', async () => {
  const holder = new Client({ connectionString: server.app.config.databaseUrl });
  await holder.connect();
  try {
    const blocked = (n: number) => Promise.allSettled(Array.from({ length: n }, () => platformSql(server.app.orm, 'select 1 as ok from pg_advisory_xact_lock(7342) /* pool-terminate-probe */', [])));
    const waiting = `select pid from pg_stat_activity where query like '%pool-terminate-probe%' and wait_event_type = 'Lock' and pid <> pg_backend_pid()`;
    // DB_POOL_MAX 20: the pool has 10 connections. First the statement is prepared on each of them.
    await holder.query('select pg_advisory_lock(7342)');
    const prepared = blocked(10);
    await eventually(async () => (await holder.query(waiting)).rowCount === 10);
    await holder.query('select pg_advisory_unlock(7342)');
    for (const outcome of await prepared) expect(outcome.status).toBe('fulfilled');
    // Then all ten wait on the lock again, and one more statement waits for a connection.
    await holder.query('select pg_advisory_lock(7342)');
    const settled = blocked(11);
    await eventually(async () => (await holder.query(waiting)).rowCount === 10);
    // One of them is ended, as a PostgreSQL shutdown or pg_terminate_backend ends it (a FATAL error, then the socket closes).
    await holder.query(`select pg_terminate_backend(pid) from (${waiting} limit 1) w`);
    // The statement waiting for a connection must get a live one: it waits on the lock in turn.
    await eventually(async () => (await holder.query(waiting)).rowCount === 10);
    await holder.query('select pg_advisory_unlock(7342)');
    const outcomes = await settled;
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([expect.objectContaining({ reason: expect.objectContaining({ code: '57P01' }) })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
    // And the pool still answers afterwards.
    expect(await platformSql(server.app.orm, 'select 1 as ok', [])).toEqual([{ ok: 1 }]);
  } finally {
    await holder.end();
  }
});

it('keeps answering a changed statement when every connection of the pool has it prepared', async () => {
  await ownerSql(server.app.orm, 'create table statement_pool_everywhere (id integer primary key)', []);
  await ownerSql(server.app.orm, 'grant select on statement_pool_everywhere to qcharge_platform', []);
  await ownerSql(server.app.orm, 'insert into statement_pool_everywhere values (1)', []);
  const read = () => platformSql<Record<string, unknown>>(server.app.orm, 'select p.* from statement_pool_everywhere p, pg_advisory_xact_lock_shared(7343) /* pool-everywhere-probe */', []);
  const holder = new Client({ connectionString: server.app.config.databaseUrl });
  await holder.connect();
  try {
    // Held on all ten connections at once (DB_POOL_MAX 20), so each of them prepares it.
    await holder.query('select pg_advisory_lock(7343)');
    const prepared = Promise.all(Array.from({ length: 10 }, read));
    await eventually(
      async () => (await holder.query(`select pid from pg_stat_activity where query like '%pool-everywhere-probe%' and wait_event_type = 'Lock' and pid <> pg_backend_pid()`)).rowCount === 10,
    );
    await holder.query('select pg_advisory_unlock(7343)');
    for (const rows of await prepared) expect(rows).toEqual([{ id: 1 }]);
  } finally {
    await holder.end();
  }
  await ownerSql(server.app.orm, `alter table statement_pool_everywhere add column note text not null default 'added'`, []);
  // One at a time, as a quiet node meets a rolling upgrade's migration.
  for (let i = 0; i < 10; i++) expect(await read()).toEqual([{ id: 1, note: 'added' }]);
});
