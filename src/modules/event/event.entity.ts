import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { TenantOwned } from '../../platform/tenant-filter';

/**
 * The event log (a transactional outbox): each row is written in the transaction of the change it reports,
 * numbered by a per-tenant sequence that only grows. Subscriptions replay it and webhooks deliver from it.
 */
@Entity({ tableName: 'event' })
@TenantOwned()
@Unique({ properties: ['tenantId', 'sequence'] })
@Index({ properties: ['occurredAt'] })
export class EventRecord {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'bigint' }) sequence!: string;
  @Property({ type: 'string', length: 40 }) type!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'datetime' }) occurredAt!: Date;
  @Property({ type: 'json' }) payload!: Record<string, unknown>;
}

/**
 * The last sequence handed out per tenant. Writers bump it inside their transaction, so one tenant's
 * events commit in sequence order (its writers queue on this row); other tenants never wait.
 */
@Entity({ tableName: 'tenant_event_seq' })
export class TenantEventSeq {
  @PrimaryKey({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'bigint' }) last!: string;
}
