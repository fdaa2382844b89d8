import { openDatabase } from '../src/platform/db';
import { asOwner } from '../src/platform/db-scope';
import { createLogger } from '../src/platform/logger';
import { testDatabaseUrl } from './support/test-database';

/**
 * The entities and the checked-in migrations describe the same schema: a fresh database with every migration
 * applied needs no further change to match the entities. When this fails, an entity changed without its
 * migration: run `npm run migration:create -- <name>` and add the file to migrations/index.ts.
 */
it('a database migrated from scratch matches the entities (the schema diff is empty)', async () => {
  const orm = await openDatabase(testDatabaseUrl, createLogger('warn'));
  try {
    const applied = await orm.getMigrator().getExecutedMigrations();
    expect(applied.length).toBeGreaterThan(0);
    // Introspected as the tables' owner: the application's role does not see every constraint in information_schema.
    const diff = await asOwner(() => orm.schema.getUpdateSchemaSQL({ wrap: false }));
    expect(diff.trim()).toBe('');
  } finally {
    await orm.close();
  }
});
