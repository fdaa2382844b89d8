import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantOwned } from '../../platform/tenant-filter';

/** Every FirmwareStatusNotification received, next to the latest one kept on the charge point. */
@Entity({ tableName: 'firmware_status_event' })
@TenantOwned()
@Index({ properties: ['tenantId', 'chargePointId', 'receivedAt'] })
export class FirmwareStatusEvent {
  [OptionalProps]?: 'receivedAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true }) id!: string;
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'string', length: 32 }) status!: string;
  @Property({ type: 'datetime' }) receivedAt: Date = new Date();
}
