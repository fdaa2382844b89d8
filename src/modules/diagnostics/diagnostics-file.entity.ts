import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantOwned } from '../../platform/tenant-filter';

/** A diagnostics file a charge point uploaded to the CSMS's own upload URL. */
@Entity({ tableName: 'diagnostics_file' })
@TenantOwned()
@Index({ properties: ['tenantId', 'chargePointId', 'uploadedAt'] })
export class DiagnosticsFile {
  [OptionalProps]?: 'id' | 'uploadedAt';

  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'string', length: 255 }) fileName!: string;
  @Property({ type: 'integer' }) size!: number;
  @Property({ type: 'string', length: 255, nullable: true }) contentType?: string | null;
  /** Path under DATA_DIR. */
  @Property({ type: 'string', length: 500 }) storagePath!: string;
  @Property({ type: 'datetime' }) uploadedAt: Date = new Date();
}

/**
 * A one-time upload URL handed out with GetDiagnostics. Only the SHA-256 of the token is stored; it is
 * looked up across tenants (the uploading charge point has no API key), like an API key secret.
 */
@Entity({ tableName: 'diagnostics_upload_token' })
@TenantOwned()
export class DiagnosticsUploadToken {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'string', length: 64, unique: true }) tokenHash!: string;
  @Property({ type: 'datetime' }) expiresAt!: Date;
  @Property({ type: 'datetime', nullable: true }) usedAt?: Date | null;
  @Property({ type: 'uuid', nullable: true }) fileId?: string | null;
  /** The fileName the charge point answered GetDiagnostics with: the name of an upload that brings none. */
  @Property({ type: 'string', length: 255, nullable: true }) fileName?: string | null;
  @Property({ type: 'datetime' }) createdAt: Date = new Date();
}
