import { Migration } from '@mikro-orm/migrations';

/** For ConcurrentTx: is there a later start on this transaction's connector? */
export class Migration20261126033100_transaction_connector_start_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "charging_transaction_tenant_id_charge_point_id_con_dbe49_index" on "charging_transaction" ("tenant_id", "charge_point_id", "connector_id", "start_timestamp");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "charging_transaction_tenant_id_charge_point_id_con_dbe49_index";`);
  }

}
