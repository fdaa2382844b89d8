import { Entity, OptionalProps, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Quirk } from '../../ocpp/quirks';
import { TenantOwned } from '../../platform/tenant-filter';

export type RegistrationStatus = 'Accepted' | 'Pending' | 'Rejected';
/** The scheme of the upload URLs the CSMS hands this charge point (GetDiagnostics without a location). */
export type UploadProtocol = 'HTTP' | 'FTP';

@Entity({ tableName: 'charge_point' })
@TenantOwned()
@Unique({ properties: ['tenantId', 'identity'] })
export class ChargePoint {
  [OptionalProps]?: 'pk' | 'createdAt' | 'registrationStatus' | 'uploadProtocol' | 'compatibility' | 'quirkRepairs' | 'securityProfile';

  @PrimaryKey({ type: 'uuid' })
  pk: string = randomUUID();

  @Property({ type: 'uuid' })
  tenantId!: string;

  /** The OCPP charge point identity, the last path segment of its WebSocket URL. */
  @Property({ type: 'string', length: 48 })
  identity!: string;

  @Property({ type: 'string', length: 200, nullable: true, hidden: true })
  passwordHash?: string | null;

  @Property({ type: 'string', length: 16 })
  registrationStatus: RegistrationStatus = 'Accepted';

  @Property({ type: 'string', length: 20, nullable: true }) vendor?: string | null;
  @Property({ type: 'string', length: 20, nullable: true }) model?: string | null;
  @Property({ type: 'string', length: 25, nullable: true }) serialNumber?: string | null;
  @Property({ type: 'string', length: 25, nullable: true }) chargeBoxSerialNumber?: string | null;
  @Property({ type: 'string', length: 50, nullable: true }) firmwareVersion?: string | null;
  @Property({ type: 'string', length: 20, nullable: true }) iccid?: string | null;
  @Property({ type: 'string', length: 20, nullable: true }) imsi?: string | null;
  @Property({ type: 'string', length: 25, nullable: true }) meterType?: string | null;
  @Property({ type: 'string', length: 25, nullable: true }) meterSerialNumber?: string | null;

  @Property({ type: 'datetime', nullable: true }) lastBootAt?: Date | null;
  @Property({ type: 'datetime', nullable: true }) lastHeartbeatAt?: Date | null;
  @Property({ type: 'datetime', nullable: true }) lastSeenAt?: Date | null;
  @Property({ type: 'datetime', nullable: true }) lastConnectedAt?: Date | null;
  @Property({ type: 'datetime', nullable: true }) lastDisconnectedAt?: Date | null;

  @Property({ type: 'string', length: 32, nullable: true }) firmwareStatus?: string | null;
  @Property({ type: 'datetime', nullable: true }) firmwareStatusAt?: Date | null;
  @Property({ type: 'string', length: 32, nullable: true }) diagnosticsStatus?: string | null;
  @Property({ type: 'datetime', nullable: true }) diagnosticsStatusAt?: Date | null;

  /** The local authorization list version the CSMS believes the charge point holds. */
  @Property({ type: 'integer', nullable: true }) localListVersion?: number | null;
  /** The highest list version handed to a SendLocalList so far (sent or waiting): each gets its own. */
  @Property({ type: 'integer', nullable: true }) localListIssuedVersion?: number | null;

  @Property({ type: 'string', length: 8 }) uploadProtocol: UploadProtocol = 'HTTP';

  /** Schema deviations repaired for this charge point (read at connect); empty: strict validation. */
  @Property({ type: 'json', default: "'[]'" }) compatibility: Quirk[] = [];
  /** How many frames each quirk repaired. */
  @Property({ type: 'json', default: "'{}'" }) quirkRepairs: Partial<Record<Quirk, number>> = {};

  /** The lowest OCPP security profile accepted from it (1 Basic, 2 Basic over TLS, 3 client certificate). */
  @Property({ type: 'smallint', default: 1 }) securityProfile: number = 1;
  /** The last LogStatusNotification (security extension). */
  @Property({ type: 'string', length: 32, nullable: true }) logStatus?: string | null;
  @Property({ type: 'integer', nullable: true }) logStatusRequestId?: number | null;
  @Property({ type: 'datetime', nullable: true }) logStatusAt?: Date | null;

  /** Heartbeat interval for this charge point; null means HEARTBEAT_INTERVAL_S. */
  @Property({ type: 'integer', nullable: true }) heartbeatIntervalS?: number | null;

  @Property({ type: 'datetime' })
  @Index()
  createdAt: Date = new Date();
}
