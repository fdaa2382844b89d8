import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { SendLocalListRequest } from '../../ocpp/generated/ocpp16';
import { TenantOwned } from '../../platform/tenant-filter';

/** An entry's idTagInfo as SendLocalList carries it. */
type LocalIdTagInfo = NonNullable<SendLocalListRequest['localAuthorizationList']>[number]['idTagInfo'];

/** One entry of the local authorization list the CSMS believes a charge point holds. */
@Entity({ tableName: 'local_list_entry' })
@TenantOwned()
@Unique({ properties: ['tenantId', 'chargePointId', 'idTagKey'] })
export class LocalListEntry {
  [OptionalProps]?: 'pk' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' }) pk: string = randomUUID();
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'string', length: 20 }) idTag!: string;
  @Property({ type: 'string', length: 20 }) idTagKey!: string;
  @Property({ type: 'json', nullable: true }) idTagInfo?: LocalIdTagInfo | null;
  @Property({ type: 'datetime' }) updatedAt: Date = new Date();
}
