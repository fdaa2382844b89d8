/** The ten CALLERROR codes OCPP-J 1.6 defines; nothing else goes on the wire. */
export const OCPP_ERROR_CODES = [
  'NotImplemented',
  'NotSupported',
  'InternalError',
  'ProtocolError',
  'SecurityError',
  'FormationViolation',
  'PropertyConstraintViolation',
  'OccurenceConstraintViolation',
  'TypeConstraintViolation',
  'GenericError',
] as const;

export type OcppErrorCode = (typeof OCPP_ERROR_CODES)[number];

export function isOcppErrorCode(value: unknown): value is OcppErrorCode {
  return typeof value === 'string' && (OCPP_ERROR_CODES as readonly string[]).includes(value);
}

/** An error that maps one-to-one onto a CALLERROR frame. */
export class OcppError extends Error {
  constructor(
    readonly code: OcppErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'OcppError';
  }
}
