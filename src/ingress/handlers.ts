import type { ChargePointAction } from '../ocpp/actions';
import type { OcppRequest, OcppResponse } from '../ocpp/generated/ocpp16';
import type { ChargePointContext, OcppHandler } from './handler-context';
import { authorize } from '../modules/authorization/authorize.handler';
import { bootNotification } from '../modules/charge-point/boot-notification.handler';
import { dataTransfer } from '../modules/charge-point/data-transfer.handler';
import { heartbeat } from '../modules/charge-point/heartbeat.handler';
import { statusNotification } from '../modules/charge-point/status-notification.handler';
import { diagnosticsStatusNotification } from '../modules/diagnostics/diagnostics-status-notification.handler';
import { firmwareStatusNotification } from '../modules/firmware/firmware-status-notification.handler';
import { meterValues } from '../modules/transaction/meter-values.handler';
import { startTransactionHandler } from '../modules/transaction/start-transaction.handler';
import { stopTransactionHandler } from '../modules/transaction/stop-transaction.handler';
import { logStatusNotification } from '../modules/security/log-status-notification.handler';
import { securityEventNotification } from '../modules/security/security-event-notification.handler';
import { signCertificate } from '../modules/security/sign-certificate.handler';
import { signedFirmwareStatusNotification } from '../modules/security/signed-firmware-status-notification.handler';

/** Exactly one handler per charge-point-initiated OCPP 1.6 action; the compiler checks the set is complete. */
export const HANDLERS: { [A in ChargePointAction]: OcppHandler<A> } = {
  Authorize: authorize,
  BootNotification: bootNotification,
  DataTransfer: dataTransfer,
  DiagnosticsStatusNotification: diagnosticsStatusNotification,
  FirmwareStatusNotification: firmwareStatusNotification,
  Heartbeat: heartbeat,
  MeterValues: meterValues,
  StartTransaction: startTransactionHandler,
  StatusNotification: statusNotification,
  StopTransaction: stopTransactionHandler,
  LogStatusNotification: logStatusNotification,
  SecurityEventNotification: securityEventNotification,
  SignCertificate: signCertificate,
  SignedFirmwareStatusNotification: signedFirmwareStatusNotification,
};

/** Runs `action`'s handler on a payload the OCPP session has already validated against that action's schema. */
export function handleCall<A extends ChargePointAction>(ctx: ChargePointContext, action: A, validatedPayload: unknown): OcppResponse<A> | Promise<OcppResponse<A>> {
  return HANDLERS[action](ctx, validatedPayload as OcppRequest<A>);
}
