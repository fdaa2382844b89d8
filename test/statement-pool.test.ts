/**
 * The hot statements' pool (prepared statements, src/platform/statement-pool.ts) through a real server's
 * database: what a rolling upgrade's migration does under it.
 */
import { ownerSql, platformSql } from '../src/platform/db';
import type { RunningServer } from '../src/server';
import { startTestServer } from './support/harness';

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
  await ownerSql(server.app.orm, 'create table statement_pool_probe (id integer primary key)', []);
  await ownerSql(server.app.orm, 'grant select on statement_pool_probe to qcharge_platform', []);
  await ownerSql(server.app.orm, 'insert into statement_pool_probe values (1), (2)', []);
});

afterAll(async () => {
  await ownerSql(server.app.orm, 'drop table if exists statement_pool_probe', []);
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
