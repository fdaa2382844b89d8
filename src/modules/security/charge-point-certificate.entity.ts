import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantOwned } from '../../platform/tenant-filter';

/** A client certificate the tenant's CA issued to one of its charge points (SignCertificate). */
@Entity({ tableName: 'charge_point_certificate' })
@TenantOwned()
@Unique({ properties: ['tenantId', 'serialNumber'] })
@Index({ properties: ['tenantId', 'chargePointId', 'notBefore'] })
export class ChargePointCertificate {
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  /** Lower-case hex, as X.509 tools print it without separators. */
  @Property({ type: 'string', length: 64 }) serialNumber!: string;
  @Property({ type: 'string', length: 64 }) fingerprintSha256!: string;
  @Property({ type: 'text' }) certificatePem!: string;
  @Property({ type: 'datetime' }) notBefore!: Date;
  @Property({ type: 'datetime' }) @Index() notAfter!: Date;
  @Property({ type: 'datetime', nullable: true }) revokedAt?: Date | null;
  /** When the expiry job warned about it (once). */
  @Property({ type: 'datetime', nullable: true }) expiryWarnedAt?: Date | null;
  @Property({ type: 'datetime' }) createdAt!: Date;
}
