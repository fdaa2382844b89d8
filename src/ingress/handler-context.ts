import type { AppContext } from '../app-context';
import type { TenantEm } from '../platform/db';
import type { RegistrationStatus } from '../modules/charge-point/charge-point.entity';

/** What a charge-point-initiated OCPP handler gets: who is calling, in which tenant, and the app. */
export interface ChargePointContext {
  readonly tenantId: string;
  readonly chargePointId: string;
  readonly app: AppContext;
  /** A fresh tenant-scoped EntityManager for this call. */
  em(): TenantEm;
  /** The registration status last answered in BootNotification (or stored, before the first boot). */
  registrationStatus: RegistrationStatus;
}

export type OcppHandler = (ctx: ChargePointContext, payload: any) => Promise<Record<string, unknown>>;
