import { Migration } from '@mikro-orm/migrations';

/** The highest local list version handed out per charge point, so concurrent SendLocalLists never share one. */
export class Migration20261126033152_local_list_issued_version extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "charge_point" add column "local_list_issued_version" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "charge_point" drop column "local_list_issued_version";`);
  }

}
