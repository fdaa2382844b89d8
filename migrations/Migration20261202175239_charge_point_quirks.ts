import { Migration } from '@mikro-orm/migrations';

export class Migration20261202175239_charge_point_quirks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "charge_point" add column "compatibility" jsonb not null default '[]', add column "quirk_repairs" jsonb not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "charge_point" drop column "compatibility", drop column "quirk_repairs";`);
  }

}
