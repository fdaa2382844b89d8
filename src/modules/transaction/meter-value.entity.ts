import { Entity, OptionalProps, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { TenantOwned } from '../../platform/tenant-filter';

export interface SampledValue {
  value: string;
  context: string;
  format: string;
  measurand: string;
  phase: string | null;
  location: string;
  /** None when the charger sent none for a measurand that has no default unit (OCPP: Wh for Energy only). */
  unit: string | null;
}

/** One OCPP MeterValue (a timestamp and its sampled values), from MeterValues or StopTransaction.transactionData. */
@Entity({ tableName: 'meter_value' })
@TenantOwned()
@Index({ properties: ['tenantId', 'transactionId', 'timestamp'] })
@Index({ properties: ['tenantId', 'chargePointId', 'timestamp'] })
// The same values at the same timestamp are stored once (a request resent after a crash): see the migration.
@Unique({
  name: 'meter_value_sample_unique',
  expression: 'create unique index "meter_value_sample_unique" on "meter_value" ("tenant_id", "charge_point_id", "connector_id", "transaction_id", "timestamp", md5("sampled_value"::text)) nulls not distinct',
})
export class MeterValue {
  [OptionalProps]?: 'receivedAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true }) id!: string;
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'integer' }) connectorId!: number;
  @Property({ type: 'integer', nullable: true }) transactionId?: number | null;
  @Property({ type: 'datetime' }) timestamp!: Date;
  @Property({ type: 'json' }) sampledValue!: SampledValue[];
  @Property({ type: 'datetime' }) receivedAt: Date = new Date();
}
