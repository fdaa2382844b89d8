import { Migration } from '@mikro-orm/migrations';

export class Migration20261202170252_transaction_state extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "charging_transaction" add column "state" varchar(16) not null default 'ACTIVE', add column "abandoned_by" text null, add column "abandoned_at" timestamptz null;`);
    // Existing rows: a stop makes it STOPPED, a start answered other than Accepted REFUSED, the rest ACTIVE.
    this.addSql(`update "charging_transaction" set "state" = case when "stop_timestamp" is not null then 'STOPPED' when "start_status" <> 'Accepted' then 'REFUSED' else 'ACTIVE' end;`);
    this.addSql(`alter table "charging_transaction" alter column "state" drop default;`);
    this.addSql(`create index "charging_transaction_tenant_id_state_index" on "charging_transaction" ("tenant_id", "state");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "charging_transaction_tenant_id_state_index";`);
    this.addSql(`alter table "charging_transaction" drop column "state", drop column "abandoned_by", drop column "abandoned_at";`);
  }

}
