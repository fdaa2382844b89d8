/** One-shot: create the database if missing and apply migrations (the Helm pre-install/pre-upgrade Job). */
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from './config';
import { closeDatabase, openDatabase } from './platform/db';
import { createLogger } from './platform/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const orm: MikroORM = await openDatabase(config.databaseUrl, log);
  await closeDatabase(orm);
  log.info('database is up to date');
}

main().catch((error) => {
  console.error('migration failed:', error);
  process.exit(1);
});
