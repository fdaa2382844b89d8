import { Migration } from '@mikro-orm/migrations';

/** The fileName a charge point answered GetDiagnostics with, kept on its upload URL. */
export class Migration20261126025818_diagnostics_file_name extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "diagnostics_upload_token" add column "file_name" varchar(255) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "diagnostics_upload_token" drop column "file_name";`);
  }

}
