import Ajv, { type ErrorObject, type SchemaValidateFunction, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CHARGE_POINT_ACTIONS } from './actions';
import { OcppError, type OcppErrorCode } from './ocpp-error';
import type { OcppAction, OcppRequest } from './generated/ocpp16';
import { messageSchemas, type Direction } from './schemas';

// multipleOfPrecision: the schemas' `multipleOf: 0.1` would otherwise compare 7.1 / 0.1 (= 70.99999999999999)
// with its integer part, refusing about a third of all one-decimal values.
const ajv = new Ajv({ strictSchema: false, allErrors: false, multipleOfPrecision: 6 });
addFormats(ajv);

const storableDateTime: SchemaValidateFunction = (_enabled: boolean, value: string) => {
  const instant = Date.parse(value);
  if (Number.isFinite(instant) && new Date(instant).getUTCFullYear() >= 1) return true;
  storableDateTime.errors = [{ keyword: 'storableDateTime', message: 'must be an instant from year 1 (UTC) on, without a leap second', params: {} }];
  return false;
};
ajv.addKeyword({ keyword: 'storableDateTime', type: 'string', schemaType: 'boolean', errors: true, validate: storableDateTime });

const INT32_MAX = 2 ** 31 - 1;

/**
 * What charge points send, held to the limits the specification states in prose (connectorId >= 0) and to
 * what the CSMS can keep exactly: connector ids within 32 bits, meter readings exact in a JS number,
 * timestamps that exist on PostgreSQL's calendar (RFC 3339 allows year 0000 and leap seconds; it has
 * neither). Breaking one is a PropertyConstraintViolation, like the schemas' own limits.
 */
function withStorageLimits(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withStorageLimits);
  if (typeof schema !== 'object' || schema === null) return schema;
  const node: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) node[key] = withStorageLimits(value);
  if (node.format === 'date-time') node.storableDateTime = true;
  const properties = node.properties as Record<string, Record<string, unknown>> | undefined;
  if (properties?.connectorId) Object.assign(properties.connectorId, { minimum: 0, maximum: INT32_MAX });
  for (const meter of ['meterStart', 'meterStop']) {
    if (properties?.[meter]) Object.assign(properties[meter], { minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER });
  }
  return node;
}

const chargePointActions = new Set<string>(CHARGE_POINT_ACTIONS);

// The schemas' ids ("urn:Authorize.req") are URNs without a namespace, which ajv's URI resolver rejects;
// the schemas reference nothing outside themselves, so each is compiled on its own, kept by action and direction.
const compiled: Record<Direction, Map<string, ValidateFunction>> = { req: new Map(), conf: new Map() };
for (const { action, direction, schema } of messageSchemas()) {
  const chargePointRequest = direction === 'req' && chargePointActions.has(action);
  compiled[direction].set(action, ajv.compile((chargePointRequest ? withStorageLimits(schema) : schema) as object));
}

export function hasSchema(action: string, direction: Direction): boolean {
  return compiled[direction].has(action);
}

function codeFor(error: ErrorObject): OcppErrorCode {
  switch (error.keyword) {
    case 'required':
    case 'minItems':
    case 'maxItems':
      return 'OccurenceConstraintViolation';
    case 'type':
      // The payload itself being no object breaks the PDU structure, not one field's type.
      return error.instancePath === '' ? 'FormationViolation' : 'TypeConstraintViolation';
    case 'additionalProperties':
      return 'FormationViolation';
    default:
      // maxLength, enum, format, minimum, pattern, multipleOf...: a field holds a value it may not.
      return 'PropertyConstraintViolation';
  }
}

/** Throws the OcppError the OCPP-J spec names when `payload` breaks the schema of `action`. */
export function validatePayload(action: string, direction: Direction, payload: unknown): void {
  const validate = compiled[direction].get(action);
  if (!validate) throw new OcppError('NotImplemented', `No schema for ${action}.${direction}`);
  if (validate(payload)) {
    if (direction === 'req' && chargePointActions.has(action)) refuseNul(action, payload, '');
    return;
  }
  const [first] = validate.errors ?? [];
  if (!first) throw new OcppError('FormationViolation', `Invalid ${action}.${direction}`);
  const where = first.instancePath || '/';
  throw new OcppError(codeFor(first), `${action}.${direction} ${where} ${first.message ?? 'is invalid'}`, {
    keyword: first.keyword,
    path: where,
  });
}

/** `validatePayload` for a request, telling the compiler what a request that passed is. */
export function validateRequest<A extends OcppAction>(action: A, payload: unknown): asserts payload is OcppRequest<A> {
  validatePayload(action, 'req', payload);
}

/**
 * No text a charge point sends may hold U+0000: PostgreSQL cannot store it in text (22021/08P01), so it would
 * fail as an InternalError counted as a database outage. It is the charge point's error, refused before any handler.
 */
function refuseNul(action: string, value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      throw new OcppError('PropertyConstraintViolation', `${action}.req ${path || '/'} must not contain U+0000`, { keyword: 'noNul', path: path || '/' });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => refuseNul(action, item, `${path}/${index}`));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) refuseNul(action, item, `${path}/${key}`);
  }
}
