import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantOwned } from '../../platform/tenant-filter';

export type ReservationStatus = 'PENDING' | 'ACTIVE' | 'USED' | 'CANCELLED' | 'EXPIRED' | 'REJECTED';

/** A ReserveNow the CSMS sent; its id is the OCPP reservationId (one sequence for the whole system). */
@Entity({ tableName: 'reservation' })
@TenantOwned()
@Index({ properties: ['tenantId', 'chargePointId', 'status'] })
export class Reservation {
  [OptionalProps]?: 'id' | 'status' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true }) id!: number;
  @Property({ type: 'uuid' }) tenantId!: string;
  @Property({ type: 'string', length: 48 }) chargePointId!: string;
  @Property({ type: 'integer' }) connectorId!: number;
  @Property({ type: 'string', length: 20 }) idTag!: string;
  @Property({ type: 'string', length: 20, nullable: true }) parentIdTag?: string | null;
  @Property({ type: 'datetime' }) expiryDate!: Date;
  @Property({ type: 'string', length: 16 }) status: ReservationStatus = 'PENDING';
  /** The charge point's answer to ReserveNow (Accepted, Faulted, Occupied, Rejected, Unavailable). */
  @Property({ type: 'string', length: 16, nullable: true }) responseStatus?: string | null;
  @Property({ type: 'integer', nullable: true }) transactionId?: number | null;
  @Property({ type: 'datetime' }) createdAt: Date = new Date();
  @Property({ type: 'datetime' }) updatedAt: Date = new Date();
}
