import { Check, DecimalType, Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantOwned } from '../../platform/tenant-filter';

/** A site limit: charge points that share one supply, whose sessions together stay under maxCurrentA. */
@Entity({ tableName: 'charging_group' })
@TenantOwned()
@Unique({ properties: ['tenantId', 'name'] })
@Check({ name: 'charging_group_max_current_positive', expression: 'max_current_a > 0' })
export class ChargingGroup {
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 100 }) name!: string;
  /** Amperes per phase for the whole group. */
  @Property({ type: new DecimalType('number'), precision: 10, scale: 1 }) maxCurrentA!: number;
  @Property({ type: 'datetime' }) createdAt: Date = new Date();
  @Property({ type: 'datetime' }) updatedAt: Date = new Date();
}

/** A charge point's place in a group; a charge point belongs to at most one group. */
@Entity({ tableName: 'charging_group_member' })
@TenantOwned()
@Unique({ properties: ['tenantId', 'chargePointId'] })
export class ChargingGroupMember {
  [OptionalProps]?: 'pk';

  @PrimaryKey({ type: 'uuid' }) pk: string = randomUUID();
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'uuid', index: true }) groupId!: string;
  /** The charge point identity, as every other per-charge-point table keeps it. */
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
}
