import { Migration } from '@mikro-orm/migrations';

export class Migration20261202174053_upload_protocol extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "charge_point" add column "upload_protocol" varchar(8) not null default 'HTTP';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "charge_point" drop column "upload_protocol";`);
  }

}
