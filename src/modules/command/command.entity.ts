import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantOwned } from '../../platform/tenant-filter';

export type CommandStatus = 'QUEUED' | 'SENT' | 'COMPLETED' | 'FAILED' | 'EXPIRED';

/** A CSMS-initiated OCPP call: who asked, what was sent, what came back. */
@Entity({ tableName: 'command' })
@TenantOwned()
@Index({ properties: ['tenantId', 'chargePointId', 'createdAt'] })
@Index({ properties: ['tenantId', 'status'] })
export class Command {
  [OptionalProps]?: 'id' | 'createdAt' | 'status' | 'attempts';

  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'string', length: 40 }) action!: string;
  /** As sent (validated against the action's schema first), or redacted when it carried a secret. */
  @Property({ type: 'json' }) request!: object;
  @Property({ type: 'json', nullable: true }) response?: object | null;
  @Property({ type: 'string', length: 16 }) status: CommandStatus = 'QUEUED';
  /** OCPP uniqueId of the last CALL sent for this command. */
  @Property({ type: 'string', length: 36, nullable: true }) messageId?: string | null;
  /** Contract error code (CHARGE_POINT_OFFLINE, ...) of the last failed attempt. */
  @Property({ type: 'string', length: 32, nullable: true }) errorCode?: string | null;
  @Property({ type: 'string', length: 32, nullable: true }) ocppErrorCode?: string | null;
  @Property({ type: 'text', nullable: true }) errorDescription?: string | null;
  @Property({ type: 'uuid', nullable: true }) createdByKeyId?: string | null;
  @Property({ type: 'string', length: 200, nullable: true }) createdByName?: string | null;
  @Property({ type: 'integer' }) attempts: number = 0;
  @Property({ type: 'datetime', nullable: true }) scheduledAt?: Date | null;
  @Property({ type: 'datetime', nullable: true }) retryUntil?: Date | null;
  @Property({ type: 'datetime' }) createdAt: Date = new Date();
  @Property({ type: 'datetime', nullable: true }) sentAt?: Date | null;
  @Property({ type: 'datetime', nullable: true }) completedAt?: Date | null;
}
