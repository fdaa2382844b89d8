import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantOwned } from '../../platform/tenant-filter';

/**
 * Whether the CSMS's copy of a charge point's local list can be trusted. The believed version itself is
 * ChargePoint.localListVersion; this keeps what the charge point last reported and whether they disagree.
 */
@Entity({ tableName: 'local_list_state' })
@TenantOwned()
@Unique({ properties: ['tenantId', 'chargePointId'] })
export class LocalListState {
  [OptionalProps]?: 'pk' | 'resyncNeeded' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' }) pk: string = randomUUID();
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  /** The listVersion the charge point last reported (GetLocalListVersion). */
  @Property({ type: 'integer', nullable: true }) reportedVersion?: number | null;
  /** The charge point's list may differ from ours: a Full SendLocalList should be sent. */
  @Property({ type: 'boolean' }) resyncNeeded: boolean = false;
  @Property({ type: 'text', nullable: true }) resyncReason?: string | null;
  @Property({ type: 'datetime' }) updatedAt: Date = new Date();
}
