import { Migration } from '@mikro-orm/migrations';

/**
 * Meter readings in Wh pass 2,147,483,647 on long-lived chargers: meter_start and meter_stop become bigint.
 * One statement, so the table is rewritten once.
 */
export class Migration20261126021718_meter_bigint extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "charging_transaction" alter column "meter_start" type bigint using ("meter_start"::bigint), alter column "meter_stop" type bigint using ("meter_stop"::bigint);`);
  }

  /** Fails (and changes nothing) while a stored reading is beyond int4. */
  override async down(): Promise<void> {
    this.addSql(`alter table "charging_transaction" alter column "meter_start" type int4 using ("meter_start"::int4), alter column "meter_stop" type int4 using ("meter_stop"::int4);`);
  }

}
