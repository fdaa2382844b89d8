import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantOwned } from '../../platform/tenant-filter';

/** Configuration values read back from the charge point (GetConfiguration, accepted ChangeConfiguration). */
@Entity({ tableName: 'configuration_key' })
@TenantOwned()
@Unique({ properties: ['tenantId', 'chargePointId', 'key'] })
export class ConfigurationKey {
  [OptionalProps]?: 'pk' | 'readonly' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' }) pk: string = randomUUID();
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'string', length: 50 }) key!: string;
  @Property({ type: 'text', nullable: true }) value?: string | null;
  @Property({ type: 'boolean' }) readonly: boolean = false;
  @Property({ type: 'datetime' }) updatedAt: Date = new Date();
}
