import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantOwned } from '../../platform/tenant-filter';

/** Latest StatusNotification per connector (0 = the charge point as a whole). */
@Entity({ tableName: 'connector' })
@TenantOwned()
@Unique({ properties: ['tenantId', 'chargePointId', 'connectorId'] })
export class Connector {
  [OptionalProps]?: 'pk' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  pk: string = randomUUID();

  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'integer' }) connectorId!: number;
  @Property({ type: 'string', length: 16 }) status!: string;
  @Property({ type: 'string', length: 32 }) errorCode!: string;
  @Property({ type: 'string', length: 50, nullable: true }) info?: string | null;
  @Property({ type: 'string', length: 255, nullable: true }) vendorId?: string | null;
  @Property({ type: 'string', length: 50, nullable: true }) vendorErrorCode?: string | null;
  /** The charge point's own timestamp of the notification, when it sent one. */
  @Property({ type: 'datetime', nullable: true }) timestamp?: Date | null;
  @Property({ type: 'datetime' }) updatedAt: Date = new Date();
}
