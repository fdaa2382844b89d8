import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantOwned } from '../../platform/tenant-filter';

export type SecurityEventSource = 'CHARGE_POINT' | 'CSMS';

/** A SecurityEventNotification from a charge point, or one of the CSMS's own security events about it. */
@Entity({ tableName: 'security_event' })
@TenantOwned()
@Index({ properties: ['tenantId', 'chargePointId', 'id'] })
@Index({ properties: ['tenantId', 'id'] })
export class SecurityEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true }) id!: string;
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'string', length: 50 }) type!: string;
  @Property({ type: 'datetime' }) timestamp!: Date;
  @Property({ type: 'string', length: 255, nullable: true }) techInfo?: string | null;
  @Property({ type: 'string', length: 16 }) source!: SecurityEventSource;
  @Property({ type: 'datetime' }) receivedAt!: Date;
}
