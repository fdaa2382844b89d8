import { Migration } from '@mikro-orm/migrations';

/** OCA security extension for OCPP 1.6: per-tenant CA, issued client certificates, security events, profiles, log status. */
export class Migration20261202170637_security_extension extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "certificate_authority" ("tenant_id" uuid not null, "certificate_pem" text not null, "encrypted_private_key" text not null, "fingerprint_sha256" varchar(64) not null, "not_after" timestamptz not null, "generated" boolean not null, "created_at" timestamptz not null, constraint "certificate_authority_pkey" primary key ("tenant_id"));`);

    this.addSql(`create table "charge_point_certificate" ("id" uuid not null, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "serial_number" varchar(64) not null, "fingerprint_sha256" varchar(64) not null, "certificate_pem" text not null, "not_before" timestamptz not null, "not_after" timestamptz not null, "revoked_at" timestamptz null, "expiry_warned_at" timestamptz null, "created_at" timestamptz not null, constraint "charge_point_certificate_pkey" primary key ("id"));`);
    this.addSql(`create index "charge_point_certificate_not_after_index" on "charge_point_certificate" ("not_after");`);
    this.addSql(`create index "charge_point_certificate_tenant_id_charge_point_id_eeeca_index" on "charge_point_certificate" ("tenant_id", "charge_point_id", "not_before");`);
    this.addSql(`alter table "charge_point_certificate" add constraint "charge_point_certificate_tenant_id_serial_number_unique" unique ("tenant_id", "serial_number");`);

    this.addSql(`create table "security_event" ("id" bigserial primary key, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "type" varchar(50) not null, "timestamp" timestamptz not null, "tech_info" varchar(255) null, "source" varchar(16) not null, "received_at" timestamptz not null);`);
    this.addSql(`create index "security_event_tenant_id_charge_point_id_id_index" on "security_event" ("tenant_id", "charge_point_id", "id");`);

    this.addSql(`create index "security_event_tenant_id_id_index" on "security_event" ("tenant_id", "id");`);
    // requestId of GetLog and SignedUpdateFirmware when the caller leaves it out.
    this.addSql(`create sequence if not exists "ocpp_request_id_seq" as integer;`);

    this.addSql(`alter table "charge_point" add column "security_profile" smallint not null default 1, add column "log_status" varchar(32) null, add column "log_status_request_id" int null, add column "log_status_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "certificate_authority" cascade;`);

    this.addSql(`drop table if exists "charge_point_certificate" cascade;`);

    this.addSql(`drop table if exists "security_event" cascade;`);
    this.addSql(`drop sequence if exists "ocpp_request_id_seq";`);

    this.addSql(`alter table "charge_point" drop column "security_profile", drop column "log_status", drop column "log_status_request_id", drop column "log_status_at";`);
  }

}
