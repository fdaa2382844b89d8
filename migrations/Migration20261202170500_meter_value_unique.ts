import { Migration } from '@mikro-orm/migrations';

/**
 * A resent MeterValues (a charger that never saw the answer before the CSMS went down) is stored once: the
 * same values of one transaction (or charge point and connector, without one) at one timestamp are one row.
 * Duplicates already stored are removed first, keeping the earliest.
 */
export class Migration20261202170500_meter_value_unique extends Migration {

  override async up(): Promise<void> {
    this.addSql(`delete from "meter_value" d using "meter_value" k
      where d."id" > k."id" and d."tenant_id" = k."tenant_id" and d."charge_point_id" = k."charge_point_id" and d."connector_id" = k."connector_id"
        and d."transaction_id" is not distinct from k."transaction_id" and d."timestamp" = k."timestamp" and d."sampled_value" = k."sampled_value";`);
    this.addSql(`create unique index "meter_value_sample_unique" on "meter_value" ("tenant_id", "charge_point_id", "connector_id", "transaction_id", "timestamp", md5("sampled_value"::text)) nulls not distinct;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "meter_value_sample_unique";`);
  }

}
