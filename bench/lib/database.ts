import { createHash } from 'node:crypto';
import { Client } from 'pg';

/** Drops the bench database so the server under test creates and migrates it afresh. */
export async function resetDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new Client({ connectionString: databaseUrl.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export const BENCH_API_SECRET = 'qck_bench_0123456789abcdefghijklmnopqrstuv';

export function chargerId(index: number): string {
  return `BENCH-${String(index).padStart(6, '0')}`;
}

export function idTagFor(index: number): string {
  return `BT${String(index).padStart(6, '0')}`;
}

/**
 * Seeds one tenant, its OWNER API key, `count` charge points and one id tag per charger with set-based
 * SQL (generate_series): 20,000 rows in well under a second, where the domain service would hash a
 * password per row. Every charge point gets the same password hash (or none), so a reconnect storm
 * costs one scrypt and then the server's verified-hash cache, not 20,000 scrypts.
 */
export async function seedTenant(db: Client, count: number, passwordHash: string | null) {
  const slug = 'bench';
  const { rows } = await db.query(`insert into tenant (id, slug, name, created_at) values (gen_random_uuid(), $1, 'Bench', now()) returning id`, [slug]);
  const tenantId: string = rows[0].id;
  await db.query(
    `insert into api_key (id, tenant_id, name, role, secret_hash, created_at) values (gen_random_uuid(), $1, 'bench', 'OWNER', $2, now())`,
    [tenantId, createHash('sha256').update(BENCH_API_SECRET).digest('hex')],
  );
  await db.query(
    `insert into charge_point (pk, tenant_id, identity, password_hash, registration_status, created_at)
     select gen_random_uuid(), $1, 'BENCH-' || lpad(i::text, 6, '0'), $2, 'Accepted', now() from generate_series(0, $3 - 1) i`,
    [tenantId, passwordHash, count],
  );
  await db.query(
    `insert into id_tag (pk, tenant_id, id_tag, id_tag_key, status, updated_at)
     select gen_random_uuid(), $1, 'BT' || lpad(i::text, 6, '0'), 'BT' || lpad(i::text, 6, '0'), 'Accepted', now() from generate_series(0, $2 - 1) i`,
    [tenantId, count],
  );
  return { tenantId, slug };
}

/** Rows inserted into user tables so far (pg_stat_user_tables; the statistics lag by up to a second). */
export async function insertedRows(db: Client): Promise<number> {
  const { rows } = await db.query(`select coalesce(sum(n_tup_ins), 0)::bigint as n from pg_stat_user_tables where relname not like 'bench_%'`);
  return Number(rows[0].n);
}

const SAMPLED = JSON.stringify([
  { value: '123456', context: 'Sample.Periodic', format: 'Raw', measurand: 'Energy.Active.Import.Register', phase: null, location: 'Outlet', unit: 'Wh' },
  { value: '7200', context: 'Sample.Periodic', format: 'Raw', measurand: 'Power.Active.Import', phase: null, location: 'Outlet', unit: 'W' },
  { value: '31.2', context: 'Sample.Periodic', format: 'Raw', measurand: 'Current.Import', phase: 'L1', location: 'Outlet', unit: 'A' },
]);

/**
 * The machine's plain PostgreSQL rate for the rows a MeterValues call stores: a copy of meter_value
 * (same columns and indexes), filled by `clients` plain `pg` connections, one row per INSERT (what one
 * MeterValues call costs) or `batch` rows per INSERT.
 */
export async function plainInsertRate(databaseUrl: string, tenantId: string, options: { seconds: number; clients: number; batch: number }): Promise<number> {
  const setup = new Client({ connectionString: databaseUrl });
  await setup.connect();
  await setup.query('drop table if exists bench_meter_value');
  await setup.query('create table bench_meter_value (like meter_value including all)');
  const connections = await Promise.all(
    Array.from({ length: options.clients }, async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const values: string[] = [];
  for (let i = 0; i < options.batch; i++) {
    const o = i * 4;
    values.push(`($${o + 1}, $${o + 2}, 1, null, $${o + 3}, $${o + 4}, now())`);
  }
  const sql = `insert into bench_meter_value (tenant_id, charge_point_id, connector_id, transaction_id, timestamp, sampled_value, received_at) values ${values.join(',')}`;
  let rows = 0;
  const endAt = performance.now() + options.seconds * 1000;
  const started = performance.now();
  // meter_value is unique per (charge point, connector, transaction, timestamp, values): each row its own millisecond.
  const firstTimestamp = Date.now();
  await Promise.all(
    connections.map(async (client, c) => {
      let sequence = 0;
      while (performance.now() < endAt) {
        const params: unknown[] = [];
        for (let i = 0; i < options.batch; i++) params.push(tenantId, `BENCH-${c}`, new Date(firstTimestamp + sequence++), SAMPLED);
        await client.query(sql, params);
        rows += options.batch;
      }
    }),
  );
  const rate = rows / ((performance.now() - started) / 1000);
  await Promise.all(connections.map((c) => c.end()));
  await setup.query('drop table bench_meter_value');
  await setup.end();
  return rate;
}
