import { ensureDatabase } from '../../src/platform/ensure-database';
import { createLogger } from '../../src/platform/logger';

/**
 * One database per test run; every test file starts its own servers against it, and the first start
 * applies the migrations (under the advisory lock). MikroORM itself is not loaded here: its metadata
 * store is process-global and would leak into the test sandbox when jest runs in band.
 */
export default async function globalSetup(): Promise<void> {
  const run = `${Date.now().toString(36)}_${process.pid}`;
  const base = process.env.TEST_DATABASE_BASE_URL || 'postgres://postgres@127.0.0.1:5432';
  process.env.QCHARGE_TEST_RUN = run;
  process.env.QCHARGE_TEST_DATABASE_URL = `${base}/qcharge_test_${run}`;
  process.env.QCHARGE_TEST_REDIS_PREFIX = `qcharge:test:${run}:`;
  await ensureDatabase(process.env.QCHARGE_TEST_DATABASE_URL, createLogger('warn'));
}
