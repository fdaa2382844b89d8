import { Migration } from '@mikro-orm/migrations';

/**
 * Row-level security on every tenant table (every table with a tenant_id), under two roles the application
 * switches to per statement (src/platform/db-scope.ts): qcharge_app, to which the policies apply, and
 * qcharge_platform (BYPASSRLS) for the few statements that span tenants. A statement sees and writes only
 * rows of the tenant in `qcharge.tenant_id`; with none set it sees no rows (fail closed). FORCE applies the
 * policies to the tables' owner too (superusers still bypass them: the application never queries as one).
 * Roles are cluster-wide: created once (NOLOGIN; the connecting user is granted both), granted per database.
 */
export class Migration20261206170000_row_level_security extends Migration {

  override async up(): Promise<void> {
    this.addSql(`do $$
      begin
        if not exists (select 1 from pg_roles where rolname = 'qcharge_app') then
          begin create role qcharge_app nologin; exception when duplicate_object or unique_violation then null; end;
        end if;
        if not exists (select 1 from pg_roles where rolname = 'qcharge_platform') then
          begin create role qcharge_platform nologin bypassrls; exception when duplicate_object or unique_violation then null; end;
        end if;
        -- A superuser is a member of every role already; a plain owner needs the grant to SET ROLE.
        if not pg_has_role(current_user, 'qcharge_app', 'member') or not pg_has_role(current_user, 'qcharge_platform', 'member') then
          execute format('grant qcharge_app, qcharge_platform to %I', current_user);
        end if;
      end $$;`);
    this.addSql(`grant usage on schema public to qcharge_app, qcharge_platform;`);
    this.addSql(`grant select, insert, update, delete on all tables in schema public to qcharge_app, qcharge_platform;`);
    this.addSql(`grant usage, select, update on all sequences in schema public to qcharge_app, qcharge_platform;`);
    this.addSql(`alter default privileges in schema public grant select, insert, update, delete on tables to qcharge_app, qcharge_platform;`);
    this.addSql(`alter default privileges in schema public grant usage, select, update on sequences to qcharge_app, qcharge_platform;`);
    this.addSql(`do $$
      declare t text;
      begin
        for t in select c.table_name from information_schema.columns c
                   join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
                  where c.table_schema = 'public' and c.column_name = 'tenant_id' and tb.table_type = 'BASE TABLE'
        loop
          execute format('alter table %I enable row level security, force row level security', t);
          execute format($p$create policy tenant_isolation on %I
                           using (tenant_id = nullif(current_setting('qcharge.tenant_id', true), '')::uuid)
                           with check (tenant_id = nullif(current_setting('qcharge.tenant_id', true), '')::uuid)$p$, t);
        end loop;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`do $$
      declare t text;
      begin
        for t in select tablename from pg_policies where schemaname = 'public' and policyname = 'tenant_isolation'
        loop
          execute format('drop policy tenant_isolation on %I', t);
          execute format('alter table %I no force row level security, disable row level security', t);
        end loop;
      end $$;`);
  }

}
