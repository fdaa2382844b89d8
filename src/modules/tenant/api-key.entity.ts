import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantOwned } from '../../platform/tenant-filter';

export type ApiKeyRole = 'OWNER' | 'OPERATOR' | 'VIEWER';

@Entity({ tableName: 'api_key' })
@TenantOwned()
export class ApiKey {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  tenantId!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 16 })
  role!: ApiKeyRole;

  /** SHA-256 of the generated secret (32 random bytes): enough for a machine-made key, fast to look up. */
  @Property({ type: 'string', length: 64, unique: true })
  secretHash!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date;
}
