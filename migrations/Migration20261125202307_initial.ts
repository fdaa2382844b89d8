import { Migration } from '@mikro-orm/migrations';

export class Migration20261125202307_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "api_key" ("id" uuid not null, "tenant_id" uuid not null, "name" varchar(200) not null, "role" varchar(16) not null, "secret_hash" varchar(64) not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "api_key_pkey" primary key ("id"));`);
    this.addSql(`create index "api_key_tenant_id_index" on "api_key" ("tenant_id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(`create table "charge_point" ("pk" uuid not null, "tenant_id" uuid not null, "identity" varchar(48) not null, "password_hash" varchar(200) null, "registration_status" varchar(16) not null default 'Accepted', "vendor" varchar(20) null, "model" varchar(20) null, "serial_number" varchar(25) null, "charge_box_serial_number" varchar(25) null, "firmware_version" varchar(50) null, "iccid" varchar(20) null, "imsi" varchar(20) null, "meter_type" varchar(25) null, "meter_serial_number" varchar(25) null, "last_boot_at" timestamptz null, "last_heartbeat_at" timestamptz null, "last_seen_at" timestamptz null, "last_connected_at" timestamptz null, "last_disconnected_at" timestamptz null, "firmware_status" varchar(32) null, "firmware_status_at" timestamptz null, "diagnostics_status" varchar(32) null, "diagnostics_status_at" timestamptz null, "local_list_version" int null, "heartbeat_interval_s" int null, "created_at" timestamptz not null, constraint "charge_point_pkey" primary key ("pk"));`);
    this.addSql(`create index "charge_point_created_at_index" on "charge_point" ("created_at");`);
    this.addSql(`alter table "charge_point" add constraint "charge_point_tenant_id_identity_unique" unique ("tenant_id", "identity");`);

    this.addSql(`create table "charging_transaction" ("id" serial primary key, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "connector_id" int not null, "id_tag" varchar(20) not null, "id_tag_key" varchar(20) not null, "start_status" varchar(16) not null, "start_timestamp" timestamptz not null, "meter_start" int not null, "reservation_id" int null, "stop_timestamp" timestamptz null, "meter_stop" int null, "stop_reason" varchar(32) null, "stop_id_tag" varchar(20) null, "created_at" timestamptz not null, "stopped_at" timestamptz null);`);
    this.addSql(`create index "charging_transaction_tenant_id_id_tag_key_stop_timestamp_index" on "charging_transaction" ("tenant_id", "id_tag_key", "stop_timestamp");`);
    this.addSql(`create index "charging_transaction_tenant_id_charge_point_id_sto_80cef_index" on "charging_transaction" ("tenant_id", "charge_point_id", "stop_timestamp");`);
    this.addSql(`alter table "charging_transaction" add constraint "charging_transaction_tenant_id_charge_point_id_co_18cd8_unique" unique ("tenant_id", "charge_point_id", "connector_id", "id_tag_key", "start_timestamp");`);

    this.addSql(`create table "command" ("id" uuid not null, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "action" varchar(40) not null, "request" jsonb not null, "response" jsonb null, "status" varchar(16) not null default 'QUEUED', "message_id" varchar(36) null, "error_code" varchar(32) null, "ocpp_error_code" varchar(32) null, "error_description" text null, "created_by_key_id" uuid null, "created_by_name" varchar(200) null, "attempts" int not null default 0, "scheduled_at" timestamptz null, "retry_until" timestamptz null, "created_at" timestamptz not null, "sent_at" timestamptz null, "completed_at" timestamptz null, constraint "command_pkey" primary key ("id"));`);
    this.addSql(`create index "command_tenant_id_status_index" on "command" ("tenant_id", "status");`);
    this.addSql(`create index "command_tenant_id_charge_point_id_created_at_index" on "command" ("tenant_id", "charge_point_id", "created_at");`);

    this.addSql(`create table "configuration_key" ("pk" uuid not null, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "key" varchar(50) not null, "value" text null, "readonly" boolean not null default false, "updated_at" timestamptz not null, constraint "configuration_key_pkey" primary key ("pk"));`);
    this.addSql(`alter table "configuration_key" add constraint "configuration_key_tenant_id_charge_point_id_key_unique" unique ("tenant_id", "charge_point_id", "key");`);

    this.addSql(`create table "connector" ("pk" uuid not null, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "connector_id" int not null, "status" varchar(16) not null, "error_code" varchar(32) not null, "info" varchar(50) null, "vendor_id" varchar(255) null, "vendor_error_code" varchar(50) null, "timestamp" timestamptz null, "updated_at" timestamptz not null, constraint "connector_pkey" primary key ("pk"));`);
    this.addSql(`alter table "connector" add constraint "connector_tenant_id_charge_point_id_connector_id_unique" unique ("tenant_id", "charge_point_id", "connector_id");`);

    this.addSql(`create table "id_tag" ("pk" uuid not null, "tenant_id" uuid not null, "id_tag" varchar(20) not null, "id_tag_key" varchar(20) not null, "status" varchar(16) not null default 'Accepted', "expiry_date" timestamptz null, "parent_id_tag" varchar(20) null, "updated_at" timestamptz not null, constraint "id_tag_pkey" primary key ("pk"));`);
    this.addSql(`alter table "id_tag" add constraint "id_tag_tenant_id_id_tag_key_unique" unique ("tenant_id", "id_tag_key");`);

    this.addSql(`create table "meter_value" ("id" bigserial primary key, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "connector_id" int not null, "transaction_id" int null, "timestamp" timestamptz not null, "sampled_value" jsonb not null, "received_at" timestamptz not null);`);
    this.addSql(`create index "meter_value_tenant_id_charge_point_id_timestamp_index" on "meter_value" ("tenant_id", "charge_point_id", "timestamp");`);
    this.addSql(`create index "meter_value_tenant_id_transaction_id_timestamp_index" on "meter_value" ("tenant_id", "transaction_id", "timestamp");`);

    this.addSql(`create table "status_notification" ("id" bigserial primary key, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "connector_id" int not null, "status" varchar(16) not null, "error_code" varchar(32) not null, "info" varchar(50) null, "vendor_id" varchar(255) null, "vendor_error_code" varchar(50) null, "timestamp" timestamptz null, "received_at" timestamptz not null);`);
    this.addSql(`create index "status_notification_tenant_id_charge_point_id_received_at_index" on "status_notification" ("tenant_id", "charge_point_id", "received_at");`);

    this.addSql(`create table "tenant" ("id" uuid not null, "slug" varchar(63) not null, "name" varchar(200) not null, "created_at" timestamptz not null, constraint "tenant_pkey" primary key ("id"));`);
    this.addSql(`alter table "tenant" add constraint "tenant_slug_unique" unique ("slug");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop table if exists "charge_point" cascade;`);

    this.addSql(`drop table if exists "charging_transaction" cascade;`);

    this.addSql(`drop table if exists "command" cascade;`);

    this.addSql(`drop table if exists "configuration_key" cascade;`);

    this.addSql(`drop table if exists "connector" cascade;`);

    this.addSql(`drop table if exists "id_tag" cascade;`);

    this.addSql(`drop table if exists "meter_value" cascade;`);

    this.addSql(`drop table if exists "status_notification" cascade;`);

    this.addSql(`drop table if exists "tenant" cascade;`);
  }

}
