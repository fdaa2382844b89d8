import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantOwned } from '../../platform/tenant-filter';

export type IdTagStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid';

@Entity({ tableName: 'id_tag' })
@TenantOwned()
@Unique({ properties: ['tenantId', 'idTagKey'] })
export class IdTag {
  [OptionalProps]?: 'pk' | 'status' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' }) pk: string = randomUUID();
  @Property({ type: 'uuid' }) tenantId!: string;
  /** As the owner spelled it. */
  @Property({ type: 'string', length: 20 }) idTag!: string;
  /** Upper-cased: OCPP compares IdTokens case-insensitively. */
  @Property({ type: 'string', length: 20 }) idTagKey!: string;
  @Property({ type: 'string', length: 16 }) status: IdTagStatus = 'Accepted';
  @Property({ type: 'datetime', nullable: true }) expiryDate?: Date | null;
  @Property({ type: 'string', length: 20, nullable: true }) parentIdTag?: string | null;
  @Property({ type: 'datetime' }) updatedAt: Date = new Date();
}

export function idTagKey(idTag: string): string {
  return idTag.toUpperCase();
}
