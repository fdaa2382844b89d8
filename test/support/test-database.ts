import { randomBytes } from 'node:crypto';

/**
 * The database of this test file: one per file (jest evaluates this module once per file), named after
 * the run so the global teardown drops them all. A file's servers, worker jobs included, then see only
 * that file's tenants, as a deployment sees only its own; the first server start migrates it.
 */
export const testDatabaseUrl = `${process.env.QCHARGE_TEST_DATABASE_URL}_${randomBytes(3).toString('hex')}`;
