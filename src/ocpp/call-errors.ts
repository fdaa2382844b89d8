/** Why a call the CSMS sent to a charge point did not produce a result. */
export class ChargePointOfflineError extends Error {
  constructor(message = 'Charge point is not connected') {
    super(message);
    this.name = 'ChargePointOfflineError';
  }
}

export class ChargePointTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Charge point did not answer within ${timeoutMs} ms`);
    this.name = 'ChargePointTimeoutError';
  }
}

/** The charge point answered with a CALLERROR (or with a result that broke the schema). */
export class ChargePointCallError extends Error {
  constructor(
    readonly ocppErrorCode: string,
    readonly errorDescription: string,
    readonly errorDetails: unknown = {},
  ) {
    super(`Charge point answered ${ocppErrorCode}: ${errorDescription}`);
    this.name = 'ChargePointCallError';
  }
}
