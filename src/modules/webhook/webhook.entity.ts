import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantOwned } from '../../platform/tenant-filter';

/** An integrator's endpoint: the event types it wants, and the secret its deliveries are signed with. */
@Entity({ tableName: 'webhook' })
@TenantOwned()
@Index({ properties: ['tenantId'] })
export class Webhook {
  [OptionalProps]?: 'enabled' | 'description';

  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 2048 }) url!: string;
  @Property({ type: 'text[]' }) eventTypes!: string[];
  @Property({ type: 'string', length: 500, nullable: true }) description: string | null = null;
  @Property({ type: 'boolean' }) enabled: boolean = true;
  /** Kept (not hashed): every delivery is signed with it. Shown once, at creation. */
  @Property({ type: 'string', length: 80, hidden: true }) secret!: string;
  @Property({ type: 'datetime' }) createdAt!: Date;
}

/** One attempt to deliver one event to one webhook; a failed attempt within the retry window is followed by the next. */
@Entity({ tableName: 'webhook_delivery' })
@TenantOwned()
@Index({ properties: ['webhookId', 'createdAt'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class WebhookDelivery {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'uuid' }) webhookId!: string;
  @Property({ type: 'uuid' }) eventId!: string;
  @Property({ type: 'integer' }) attempt!: number;
  /** PENDING | DELIVERED | FAILED | DEAD */
  @Property({ type: 'string', length: 16 }) status!: string;
  @Property({ type: 'integer', nullable: true }) httpStatus: number | null = null;
  @Property({ type: 'string', length: 500, nullable: true }) error: string | null = null;
  @Property({ type: 'datetime' }) createdAt!: Date;
  @Property({ type: 'datetime', nullable: true }) nextAttemptAt: Date | null = null;
  /** When the first attempt of this event to this webhook was made: the retry window counts from it. */
  @Property({ type: 'datetime' }) firstAttemptAt!: Date;
  /** While in the future, a worker is delivering this attempt (a lease: a dead worker's lapses). */
  @Property({ type: 'datetime', nullable: true, hidden: true }) claimedUntil: Date | null = null;
}
