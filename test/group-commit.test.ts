import { Client } from 'pg';
import { retryingConflicts } from '../src/platform/group-commit';
import type { RunningServer } from '../src/server';
import { startTestServer } from './support/harness';

/**
 * Batch writers that update many charge_point rows can deadlock with each other; PostgreSQL then rolls one
 * statement back whole, and `retryingConflicts` runs it again. Here a real deadlock between two sessions.
 */
let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

it('runs a statement again when PostgreSQL picked it as a deadlock victim, and gives up on other errors at once', async () => {
  const url = server.app.config.databaseUrl;
  const [a, b] = [new Client({ connectionString: url }), new Client({ connectionString: url })];
  await a.connect();
  await b.connect();
  try {
    await a.query("create table if not exists gc_deadlock (id int primary key, v int); insert into gc_deadlock values (1, 0), (2, 0) on conflict (id) do update set v = 0");
    let attempts = 0;
    let sessionA: Promise<unknown> | undefined;
    // Session A locks row 1 then row 2; session B (the retried write) locks row 2 then row 1. B starts
    // waiting first, so its deadlock_timeout runs out first: B finds the cycle and is the victim.
    await a.query('begin');
    await a.query('update gc_deadlock set v = v + 1 where id = 1');
    const retried = retryingConflicts(async () => {
      attempts++;
      await b.query('begin');
      try {
        await b.query('update gc_deadlock set v = v + 10 where id = 2');
        if (attempts === 1) {
          sessionA = new Promise((resolve) => setTimeout(resolve, 50)).then(() => a.query('update gc_deadlock set v = v + 1 where id = 2')).then(() => a.query('commit'));
        }
        await b.query('update gc_deadlock set v = v + 10 where id = 1');
        await b.query('commit');
      } catch (error) {
        await b.query('rollback');
        throw error;
      }
    });
    await retried;
    await sessionA;
    const { rows } = await a.query('select id, v from gc_deadlock order by id');
    // B's first try was rolled back whole; its second wrote once, after A.
    expect(attempts).toBe(2);
    expect(rows).toEqual([
      { id: 1, v: 11 },
      { id: 2, v: 11 },
    ]);
    await expect(retryingConflicts(() => Promise.reject(Object.assign(new Error('no'), { code: '23505' })))).rejects.toThrow('no');
  } finally {
    await a.query('drop table if exists gc_deadlock').catch(() => undefined);
    await a.end();
    await b.end();
  }
});
