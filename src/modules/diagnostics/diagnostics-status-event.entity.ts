import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantOwned } from '../../platform/tenant-filter';

/** Every DiagnosticsStatusNotification received. */
@Entity({ tableName: 'diagnostics_status_event' })
@TenantOwned()
@Index({ properties: ['tenantId', 'chargePointId', 'receivedAt'] })
export class DiagnosticsStatusEvent {
  [OptionalProps]?: 'receivedAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true }) id!: string;
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'string', length: 32 }) status!: string;
  @Property({ type: 'datetime' }) receivedAt: Date = new Date();
}
