import type { AppContext } from '../app-context';
import type { TenantEm } from '../platform/db';
import type { RegistrationStatus } from '../modules/charge-point/charge-point.entity';
import type { ChargePointAction } from '../ocpp/actions';
import type { OcppRequest, OcppResponse } from '../ocpp/generated/ocpp16';

/** What a charge-point-initiated OCPP handler gets: who is calling, in which tenant, and the app. */
export interface ChargePointContext {
  readonly tenantId: string;
  readonly chargePointId: string;
  readonly app: AppContext;
  /** A fresh tenant-scoped EntityManager for this call. */
  em(): TenantEm;
  /** The registration status last answered in BootNotification (or stored, before the first boot). */
  registrationStatus: RegistrationStatus;
  /**
   * Whether the charge point had ACTIVE transactions when this connection's last BootNotification was stored;
   * undefined before its first one. Only those (received before the boot) can a later StatusNotification abandon.
   */
  activeTransactionsAtBoot?: boolean;
}

/**
 * Answers one charge-point-initiated action: its request in, its response out, both as the schemas type them.
 * A handler with nothing to wait for (Heartbeat) returns its answer as it is: no promise per call.
 */
export type OcppHandler<A extends ChargePointAction> = (ctx: ChargePointContext, payload: OcppRequest<A>) => OcppResponse<A> | Promise<OcppResponse<A>>;
