/**
 * Known ways real chargers break the OCPP 1.6 schemas, repaired before validation for the charge points set
 * to tolerate them (and only those: strict validation stays the default). A repair returns the fixed payload
 * and the quirks it used, so each can be counted.
 */
export const QUIRKS = ['NUMBERS_AS_STRINGS', 'TIMESTAMPS_WITHOUT_ZONE', 'UNKNOWN_STATUS_ENUM', 'TRANSACTION_ID_AS_STRING'] as const;
export type Quirk = (typeof QUIRKS)[number];

const schemas: Array<{ $id: string; properties?: Record<string, { enum?: string[] }> }> = require('ocpp-rpc/lib/schemas/ocpp1_6.json');
const statusSchema = schemas.find((s) => s.$id === 'urn:StatusNotification.req');
const STATUSES: string[] = statusSchema?.properties?.status?.enum ?? [];
const ERROR_CODES: string[] = statusSchema?.properties?.errorCode?.enum ?? [];

/** Integer and number fields of charge-point requests (sampledValue.value is a string by the schema). */
const NUMERIC_FIELDS = new Set(['connectorId', 'meterStart', 'meterStop', 'reservationId', 'transactionId', 'listVersion']);
const NUMBER = /^-?\d+(\.\d+)?$/;
const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;
const TIMESTAMP_FIELDS = new Set(['timestamp', 'expiryDate']);
const VENDOR_TEXT = 50;

export interface Repair {
  payload: unknown;
  repaired: Quirk[];
}

function walk(value: unknown, visit: (key: string, value: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => walk(item, visit));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = visit(key, walk(inner, visit));
  return out;
}

function closest(value: string, allowed: string[]): string | undefined {
  return allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
}

function repairStatus(payload: Record<string, unknown>, used: Set<Quirk>): Record<string, unknown> {
  const out = { ...payload };
  if (typeof out.status === 'string' && !STATUSES.includes(out.status)) {
    const original = out.status;
    out.status = closest(original, STATUSES) ?? 'Unavailable';
    if (out.status === 'Unavailable' && out.info === undefined) out.info = `status ${original}`.slice(0, VENDOR_TEXT);
    used.add('UNKNOWN_STATUS_ENUM');
  }
  if (typeof out.errorCode === 'string' && !ERROR_CODES.includes(out.errorCode)) {
    const original = out.errorCode;
    out.errorCode = closest(original, ERROR_CODES) ?? 'OtherError';
    if (out.errorCode === 'OtherError' && out.vendorErrorCode === undefined) out.vendorErrorCode = original.slice(0, VENDOR_TEXT);
    used.add('UNKNOWN_STATUS_ENUM');
  }
  return out;
}

/** Repairs one incoming request by the quirks allowed; the payload is untouched when none applies. */
export function repairPayload(action: string, payload: unknown, allowed: ReadonlySet<Quirk>): Repair {
  if (allowed.size === 0 || payload === null || typeof payload !== 'object') return { payload, repaired: [] };
  const used = new Set<Quirk>();
  let fixed = walk(payload, (key, value) => {
    if (typeof value !== 'string') return value;
    if (key === 'transactionId' && NUMBER.test(value) && allowed.has('TRANSACTION_ID_AS_STRING')) {
      used.add('TRANSACTION_ID_AS_STRING');
      return Number(value);
    }
    if (NUMERIC_FIELDS.has(key) && NUMBER.test(value) && allowed.has('NUMBERS_AS_STRINGS')) {
      used.add('NUMBERS_AS_STRINGS');
      return Number(value);
    }
    if (TIMESTAMP_FIELDS.has(key) && ZONELESS.test(value) && allowed.has('TIMESTAMPS_WITHOUT_ZONE')) {
      used.add('TIMESTAMPS_WITHOUT_ZONE');
      return `${value}Z`;
    }
    return value;
  });
  if (action === 'StatusNotification' && allowed.has('UNKNOWN_STATUS_ENUM')) fixed = repairStatus(fixed as Record<string, unknown>, used);
  return used.size === 0 ? { payload, repaired: [] } : { payload: fixed, repaired: [...used] };
}
