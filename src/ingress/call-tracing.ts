import { ROOT_CONTEXT } from '@opentelemetry/api';
import { OcppError } from '../ocpp/ocpp-error';
import { inSpan, ocppCallAttributes, SpanKind } from '../platform/tracing';

/**
 * A charge-point-initiated call handled here, as the root span of its own trace: action, tenant, charge
 * point and uniqueId; when it is answered with a CALLERROR, the OCPP error code.
 */
export function traceIncomingCall<T>(
  identity: { tenantId: string; chargePointId: string },
  action: string,
  uniqueId: string,
  handle: () => Promise<T>,
): Promise<T> {
  const attributes = ocppCallAttributes(identity.tenantId, identity.chargePointId, action, uniqueId);
  return inSpan(
    `OCPP ${action}`,
    {
      kind: SpanKind.SERVER,
      attributes,
      parent: ROOT_CONTEXT,
      errorAttributes: callErrorCode,
    },
    handle,
  );
}

/** The CALLERROR code the session answers with (see OcppSession.handleCall). */
function callErrorCode(error: unknown): Record<string, string> {
  return {
    'ocpp.error_code': error instanceof OcppError ? error.code : 'InternalError',
  };
}
