import { Migration } from '@mikro-orm/migrations';

export class Migration20261125203816_profiles extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "charging_profile" ("pk" uuid not null, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "connector_id" int not null, "charging_profile_id" int not null, "transaction_id" int null, "stack_level" int not null, "charging_profile_purpose" varchar(24) not null, "charging_profile_kind" varchar(16) not null, "recurrency_kind" varchar(8) null, "valid_from" timestamptz null, "valid_to" timestamptz null, "charging_schedule" jsonb not null, "updated_at" timestamptz not null, constraint "charging_profile_pkey" primary key ("pk"));`);
    this.addSql(`create index "charging_profile_tenant_id_charge_point_id_transaction_id_index" on "charging_profile" ("tenant_id", "charge_point_id", "transaction_id");`);
    this.addSql(`create index "charging_profile_tenant_id_charge_point_id_connector_id_index" on "charging_profile" ("tenant_id", "charge_point_id", "connector_id");`);

    this.addSql(`create table "diagnostics_file" ("id" uuid not null, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "file_name" varchar(255) not null, "size" int not null, "content_type" varchar(255) null, "storage_path" varchar(500) not null, "uploaded_at" timestamptz not null, constraint "diagnostics_file_pkey" primary key ("id"));`);
    this.addSql(`create index "diagnostics_file_tenant_id_charge_point_id_uploaded_at_index" on "diagnostics_file" ("tenant_id", "charge_point_id", "uploaded_at");`);

    this.addSql(`create table "diagnostics_status_event" ("id" bigserial primary key, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "status" varchar(32) not null, "received_at" timestamptz not null);`);
    this.addSql(`create index "diagnostics_status_event_tenant_id_charge_point_id_138f7_index" on "diagnostics_status_event" ("tenant_id", "charge_point_id", "received_at");`);

    this.addSql(`create table "diagnostics_upload_token" ("id" uuid not null, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "file_id" uuid null, "created_at" timestamptz not null, constraint "diagnostics_upload_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "diagnostics_upload_token" add constraint "diagnostics_upload_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "firmware_status_event" ("id" bigserial primary key, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "status" varchar(32) not null, "received_at" timestamptz not null);`);
    this.addSql(`create index "firmware_status_event_tenant_id_charge_point_id_re_daddd_index" on "firmware_status_event" ("tenant_id", "charge_point_id", "received_at");`);

    this.addSql(`create table "local_list_entry" ("pk" uuid not null, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "id_tag" varchar(20) not null, "id_tag_key" varchar(20) not null, "id_tag_info" jsonb null, "updated_at" timestamptz not null, constraint "local_list_entry_pkey" primary key ("pk"));`);
    this.addSql(`alter table "local_list_entry" add constraint "local_list_entry_tenant_id_charge_point_id_id_tag_key_unique" unique ("tenant_id", "charge_point_id", "id_tag_key");`);

    this.addSql(`create table "local_list_state" ("pk" uuid not null, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "reported_version" int null, "resync_needed" boolean not null default false, "resync_reason" text null, "updated_at" timestamptz not null, constraint "local_list_state_pkey" primary key ("pk"));`);
    this.addSql(`alter table "local_list_state" add constraint "local_list_state_tenant_id_charge_point_id_unique" unique ("tenant_id", "charge_point_id");`);

    this.addSql(`create table "reservation" ("id" serial primary key, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "connector_id" int not null, "id_tag" varchar(20) not null, "parent_id_tag" varchar(20) null, "expiry_date" timestamptz not null, "status" varchar(16) not null default 'PENDING', "response_status" varchar(16) null, "transaction_id" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "reservation_tenant_id_charge_point_id_status_index" on "reservation" ("tenant_id", "charge_point_id", "status");`);

    // chargingProfileIds the CSMS assigns when a SetChargingProfile leaves them out (not an entity column).
    this.addSql(`create sequence if not exists "charging_profile_number_seq";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "charging_profile" cascade;`);

    this.addSql(`drop table if exists "diagnostics_file" cascade;`);

    this.addSql(`drop table if exists "diagnostics_status_event" cascade;`);

    this.addSql(`drop table if exists "diagnostics_upload_token" cascade;`);

    this.addSql(`drop table if exists "firmware_status_event" cascade;`);

    this.addSql(`drop table if exists "local_list_entry" cascade;`);

    this.addSql(`drop table if exists "local_list_state" cascade;`);

    this.addSql(`drop table if exists "reservation" cascade;`);

    this.addSql(`drop sequence if exists "charging_profile_number_seq";`);
  }

}
