import { Migration } from '@mikro-orm/migrations';

/** Firmware images hosted by the CSMS, and the download URLs handed to charge points in UpdateFirmware. */
export class Migration20261126015042_firmware_files extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "firmware_download_token" ("id" uuid not null, "tenant_id" uuid not null, "charge_point_id" varchar(48) not null, "file_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "downloads" int not null default 0, "created_at" timestamptz not null, constraint "firmware_download_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "firmware_download_token" add constraint "firmware_download_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "firmware_file" ("id" uuid not null, "tenant_id" uuid not null, "file_name" varchar(255) not null, "size" int not null, "sha256" varchar(64) not null, "content_type" varchar(255) null, "storage_path" varchar(500) not null, "uploaded_at" timestamptz not null, constraint "firmware_file_pkey" primary key ("id"));`);
    this.addSql(`create index "firmware_file_tenant_id_uploaded_at_index" on "firmware_file" ("tenant_id", "uploaded_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "firmware_download_token" cascade;`);

    this.addSql(`drop table if exists "firmware_file" cascade;`);
  }

}
