import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantOwned } from '../../platform/tenant-filter';

/** Every StatusNotification received, kept as history next to the connector's latest state. */
@Entity({ tableName: 'status_notification' })
@TenantOwned()
@Index({ properties: ['tenantId', 'chargePointId', 'receivedAt'] })
export class StatusNotification {
  [OptionalProps]?: 'receivedAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true }) id!: string;
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'integer' }) connectorId!: number;
  @Property({ type: 'string', length: 16 }) status!: string;
  @Property({ type: 'string', length: 32 }) errorCode!: string;
  @Property({ type: 'string', length: 50, nullable: true }) info?: string | null;
  @Property({ type: 'string', length: 255, nullable: true }) vendorId?: string | null;
  @Property({ type: 'string', length: 50, nullable: true }) vendorErrorCode?: string | null;
  @Property({ type: 'datetime', nullable: true }) timestamp?: Date | null;
  @Property({ type: 'datetime' }) receivedAt: Date = new Date();
}
