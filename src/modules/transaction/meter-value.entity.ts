import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
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
