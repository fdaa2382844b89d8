import os from 'node:os';
import path from 'node:path';

/**
 * Names this run's databases and Redis prefix. Each test file gets its own database (see
 * test-database.ts), created and migrated by its first server start; the teardown drops them all.
 */
export default async function globalSetup(): Promise<void> {
  const run = `${Date.now().toString(36)}_${process.pid}`;
  const base = process.env.TEST_DATABASE_BASE_URL || 'postgres://postgres@127.0.0.1:5432';
  process.env.QCHARGE_TEST_RUN = run;
  process.env.QCHARGE_TEST_DATABASE_URL = `${base}/qcharge_test_${run}`;
  process.env.QCHARGE_TEST_REDIS_PREFIX = `qcharge:test:${run}:`;
  // Files the servers store (uploads): outside the checkout, removed by the teardown.
  process.env.QCHARGE_TEST_DATA_DIR = path.join(os.tmpdir(), `qcharge_test_${run}`);
}
