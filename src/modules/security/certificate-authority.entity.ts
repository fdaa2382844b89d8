import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantOwned } from '../../platform/tenant-filter';

/** A tenant's certificate authority: signs its charge points' client certificates. One per tenant. */
@Entity({ tableName: 'certificate_authority' })
@TenantOwned()
export class CertificateAuthority {
  @PrimaryKey({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'text' }) certificatePem!: string;
  /** PKCS#8 DER of the private key, AES-256-GCM encrypted (see ca-key-encryption.ts); never returned. */
  @Property({ type: 'text', hidden: true }) encryptedPrivateKey!: string;
  @Property({ type: 'string', length: 64 }) fingerprintSha256!: string;
  @Property({ type: 'datetime' }) notAfter!: Date;
  /** true when the CSMS made it, false when the tenant brought it (setCertificateAuthority). */
  @Property({ type: 'boolean' }) generated!: boolean;
  @Property({ type: 'datetime' }) createdAt!: Date;
}
