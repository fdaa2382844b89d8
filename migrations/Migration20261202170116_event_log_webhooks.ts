import { Migration } from '@mikro-orm/migrations';

/** The event log (transactional outbox) with its per-tenant sequence, webhooks and their delivery log. */
export class Migration20261202170116_event_log_webhooks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "event" ("id" uuid not null, "tenant_id" uuid not null, "sequence" bigint not null, "type" varchar(40) not null, "charge_point_id" varchar(48) not null, "occurred_at" timestamptz not null, "payload" jsonb not null, constraint "event_pkey" primary key ("id"));`);
    this.addSql(`create index "event_occurred_at_index" on "event" ("occurred_at");`);
    this.addSql(`alter table "event" add constraint "event_tenant_id_sequence_unique" unique ("tenant_id", "sequence");`);

    this.addSql(`create table "tenant_event_seq" ("tenant_id" uuid not null, "last" bigint not null, constraint "tenant_event_seq_pkey" primary key ("tenant_id"));`);

    this.addSql(`create table "webhook" ("id" uuid not null, "tenant_id" uuid not null, "url" varchar(2048) not null, "event_types" text[] not null, "description" varchar(500) null, "enabled" boolean not null default true, "secret" varchar(80) not null, "created_at" timestamptz not null, constraint "webhook_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_tenant_id_index" on "webhook" ("tenant_id");`);

    this.addSql(`create table "webhook_delivery" ("id" uuid not null, "tenant_id" uuid not null, "webhook_id" uuid not null, "event_id" uuid not null, "attempt" int not null, "status" varchar(16) not null, "http_status" int null, "error" varchar(500) null, "created_at" timestamptz not null, "next_attempt_at" timestamptz null, "first_attempt_at" timestamptz not null, constraint "webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_status_next_attempt_at_index" on "webhook_delivery" ("status", "next_attempt_at");`);
    this.addSql(`create index "webhook_delivery_webhook_id_created_at_index" on "webhook_delivery" ("webhook_id", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "event" cascade;`);

    this.addSql(`drop table if exists "tenant_event_seq" cascade;`);

    this.addSql(`drop table if exists "webhook" cascade;`);

    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
  }

}
