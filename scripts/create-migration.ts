/**
 * Writes a new migration into migrations/ from the difference between the entities and a scratch
 * database that has every checked-in migration applied. Usage: npm run migration:create -- name
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import path from 'node:path';
import { ensureDatabase, ormOptions } from '../src/platform/db';
import { createLogger } from '../src/platform/logger';

async function main(): Promise<void> {
  const name = process.argv[2] || 'change';
  const scratch = `qcharge_migration_scratch_${process.pid}`;
  const url = `postgres://postgres@127.0.0.1:5432/${scratch}`;
  await ensureDatabase(url, createLogger('warn'));
  const dir = path.resolve(__dirname, '../migrations');
  const options = ormOptions(url);
  const orm = await MikroORM.init({ ...options, migrations: { ...options.migrations, path: dir, pathTs: dir, emit: 'ts' } });
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration(dir, false, false, name);
    console.log(result.fileName ? `wrote migrations/${result.fileName}; add it to migrations/index.ts` : 'no changes');
  } finally {
    await orm.close();
    const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${scratch}`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
