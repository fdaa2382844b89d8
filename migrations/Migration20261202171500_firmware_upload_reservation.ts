import { Migration } from '@mikro-orm/migrations';

/** Quota reserved by firmware uploads in progress, so parallel uploads cannot pass the tenant's quota together. */
export class Migration20261202171500_firmware_upload_reservation extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "firmware_upload_reservation" ("id" uuid not null, "tenant_id" uuid not null, "bytes" bigint not null, "expires_at" timestamptz not null, constraint "firmware_upload_reservation_pkey" primary key ("id"));`);
    this.addSql(`create index "firmware_upload_reservation_tenant_id_expires_at_index" on "firmware_upload_reservation" ("tenant_id", "expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "firmware_upload_reservation" cascade;`);
  }

}
