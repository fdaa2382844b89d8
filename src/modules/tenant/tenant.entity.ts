import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

@Entity({ tableName: 'tenant' })
export class Tenant {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 63, unique: true })
  slug!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
