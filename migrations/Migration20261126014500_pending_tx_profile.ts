import { Migration } from '@mikro-orm/migrations';

/** A TxProfile sent inside an accepted RemoteStartTransaction waits for its transaction under the id tag it was sent for. */
export class Migration20261126014500_pending_tx_profile extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "charging_profile" add column "pending_id_tag_key" varchar(20) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "charging_profile" drop column "pending_id_tag_key";`);
  }

}
