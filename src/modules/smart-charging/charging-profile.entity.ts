import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantOwned } from '../../platform/tenant-filter';

export type ChargingProfilePurpose = 'ChargePointMaxProfile' | 'TxDefaultProfile' | 'TxProfile';
export type ChargingProfileKind = 'Absolute' | 'Recurring' | 'Relative';
export type RecurrencyKind = 'Daily' | 'Weekly';
export type ChargingRateUnit = 'A' | 'W';

export interface ChargingSchedulePeriod {
  startPeriod: number;
  limit: number;
  numberPhases?: number;
}

export interface ChargingSchedule {
  duration?: number;
  startSchedule?: string;
  chargingRateUnit: ChargingRateUnit;
  chargingSchedulePeriod: ChargingSchedulePeriod[];
  minChargingRate?: number;
}

/** A charging profile the charge point accepted, as the CSMS keeps it. */
@Entity({ tableName: 'charging_profile' })
@TenantOwned()
@Index({ properties: ['tenantId', 'chargePointId', 'connectorId'] })
@Index({ properties: ['tenantId', 'chargePointId', 'transactionId'] })
export class ChargingProfile {
  [OptionalProps]?: 'pk' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' }) pk: string = randomUUID();
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'integer' }) connectorId!: number;
  @Property({ type: 'integer' }) chargingProfileId!: number;
  @Property({ type: 'integer', nullable: true }) transactionId?: number | null;
  /** Set while a TxProfile from an accepted RemoteStartTransaction waits for the transaction of this id tag (its lookup key). */
  @Property({ type: 'string', length: 20, nullable: true }) pendingIdTagKey?: string | null;
  @Property({ type: 'integer' }) stackLevel!: number;
  @Property({ type: 'string', length: 24 }) chargingProfilePurpose!: ChargingProfilePurpose;
  @Property({ type: 'string', length: 16 }) chargingProfileKind!: ChargingProfileKind;
  @Property({ type: 'string', length: 8, nullable: true }) recurrencyKind?: RecurrencyKind | null;
  @Property({ type: 'datetime', nullable: true }) validFrom?: Date | null;
  @Property({ type: 'datetime', nullable: true }) validTo?: Date | null;
  @Property({ type: 'json' }) chargingSchedule!: ChargingSchedule;
  @Property({ type: 'datetime' }) updatedAt: Date = new Date();
}
