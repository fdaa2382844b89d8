import { Migration } from '@mikro-orm/migrations';

export class Migration20261125213411_charging_groups extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "charging_group" ("id" uuid not null, "tenant_id" uuid not null, "name" varchar(100) not null, "max_current_a" numeric(10,1) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "charging_group_pkey" primary key ("id"), constraint charging_group_max_current_positive check (max_current_a > 0));`);
    this.addSql(`alter table "charging_group" add constraint "charging_group_tenant_id_name_unique" unique ("tenant_id", "name");`);

    this.addSql(`create table "charging_group_member" ("pk" uuid not null, "tenant_id" uuid not null, "group_id" uuid not null, "charge_point_id" varchar(48) not null, constraint "charging_group_member_pkey" primary key ("pk"));`);
    this.addSql(`create index "charging_group_member_group_id_index" on "charging_group_member" ("group_id");`);
    this.addSql(`alter table "charging_group_member" add constraint "charging_group_member_tenant_id_charge_point_id_unique" unique ("tenant_id", "charge_point_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "charging_group" cascade;`);

    this.addSql(`drop table if exists "charging_group_member" cascade;`);
  }

}
