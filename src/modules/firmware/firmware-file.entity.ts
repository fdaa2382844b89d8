import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantOwned } from '../../platform/tenant-filter';

/** A firmware image a tenant uploaded for the CSMS to host. */
@Entity({ tableName: 'firmware_file' })
@TenantOwned()
@Index({ properties: ['tenantId', 'uploadedAt'] })
export class FirmwareFile {
  [OptionalProps]?: 'id' | 'uploadedAt';

  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 255 }) fileName!: string;
  @Property({ type: 'integer' }) size!: number;
  @Property({ type: 'string', length: 64 }) sha256!: string;
  @Property({ type: 'string', length: 255, nullable: true }) contentType?: string | null;
  /** Path under DATA_DIR. */
  @Property({ type: 'string', length: 500 }) storagePath!: string;
  @Property({ type: 'datetime' }) uploadedAt: Date = new Date();
}

/**
 * A download URL minted for one UpdateFirmware to one charge point. Only the SHA-256 of the token is
 * stored; it is looked up across tenants (the downloading charge point has no API key). It serves every
 * retry of that update until it expires, since a charge point retries broken downloads.
 */
@Entity({ tableName: 'firmware_download_token' })
@TenantOwned()
export class FirmwareDownloadToken {
  [OptionalProps]?: 'id' | 'createdAt' | 'downloads';

  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'uuid' }) fileId!: string;
  @Property({ type: 'string', length: 64, unique: true }) tokenHash!: string;
  @Property({ type: 'datetime' }) expiresAt!: Date;
  @Property({ type: 'integer' }) downloads: number = 0;
  @Property({ type: 'datetime' }) createdAt: Date = new Date();
}

/**
 * Quota held by one upload in progress, grown as its bytes arrive, so parallel uploads (on any node) never
 * store more than the tenant's quota together. Dropped when the upload is stored or fails; a reservation
 * left by a crashed process stops counting at expiresAt.
 */
@Entity({ tableName: 'firmware_upload_reservation' })
@TenantOwned()
@Index({ properties: ['tenantId', 'expiresAt'] })
export class FirmwareUploadReservation {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'bigint' }) bytes!: string;
  @Property({ type: 'datetime' }) expiresAt!: Date;
}
