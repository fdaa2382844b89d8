import { BigIntType, Entity, OptionalProps, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { TenantOwned } from '../../platform/tenant-filter';

/**
 * ACTIVE: accepted and not stopped. STOPPED: its StopTransaction came. REFUSED: the StartTransaction was
 * answered other than Accepted (the charger stops it itself). ABANDONED: closed by the CSMS, the charger
 * having shown it runs no more without stopping it; a StopTransaction that comes later still stops it.
 */
export type TransactionState = 'ACTIVE' | 'STOPPED' | 'REFUSED' | 'ABANDONED';

@Entity({ tableName: 'charging_transaction' })
@TenantOwned()
@Unique({ properties: ['tenantId', 'chargePointId', 'connectorId', 'idTagKey', 'startTimestamp'] })
@Index({ properties: ['tenantId', 'chargePointId', 'stopTimestamp'] })
@Index({ properties: ['tenantId', 'idTagKey', 'stopTimestamp'] })
@Index({ properties: ['tenantId', 'chargePointId', 'connectorId', 'startTimestamp'] })
@Index({ properties: ['tenantId', 'state'] })
export class ChargingTransaction {
  [OptionalProps]?: 'createdAt';

  /** The OCPP transactionId: one sequence for the whole system. */
  @PrimaryKey({ type: 'integer', autoincrement: true }) id!: number;
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'integer' }) connectorId!: number;
  @Property({ type: 'string', length: 20 }) idTag!: string;
  @Property({ type: 'string', length: 20 }) idTagKey!: string;
  /** idTagInfo.status answered at StartTransaction. */
  @Property({ type: 'string', length: 16 }) startStatus!: string;
  @Property({ type: 'datetime' }) startTimestamp!: Date;
  /** Wh registers pass 2^31 on long-lived chargers: bigint columns, read back as numbers (exact up to 2^53). */
  @Property({ type: new BigIntType('number') }) meterStart!: number;
  @Property({ type: 'integer', nullable: true }) reservationId?: number | null;
  @Property({ type: 'datetime', nullable: true }) stopTimestamp?: Date | null;
  @Property({ type: new BigIntType('number'), nullable: true }) meterStop?: number | null;
  @Property({ type: 'string', length: 32, nullable: true }) stopReason?: string | null;
  @Property({ type: 'string', length: 20, nullable: true }) stopIdTag?: string | null;
  @Property({ type: 'datetime' }) createdAt: Date = new Date();
  @Property({ type: 'datetime', nullable: true }) stoppedAt?: Date | null;
  @Property({ type: 'string', length: 16 }) state!: TransactionState;
  /**
   * Why the CSMS closed it, when ABANDONED: the message that showed it runs no more. An abandoned transaction
   * keeps stopTimestamp null (its end is unknown) and gets the last energy register known as its meterStop.
   */
  @Property({ type: 'text', nullable: true }) abandonedBy?: string | null;
  @Property({ type: 'datetime', nullable: true }) abandonedAt?: Date | null;
}
