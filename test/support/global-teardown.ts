import Redis from 'ioredis';
import { rm } from 'node:fs/promises';
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.QCHARGE_TEST_DATABASE_URL;
  if (url) {
    const base = new URL(url).pathname.slice(1);
    const admin = new Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    // Every test file's database of this run: qcharge_test_<run>_<file suffix>.
    const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${base}\\_%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  }
  const dataDir = process.env.QCHARGE_TEST_DATA_DIR;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  const prefix = process.env.QCHARGE_TEST_REDIS_PREFIX;
  if (prefix) {
    const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  }
}
