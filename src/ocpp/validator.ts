import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { OcppError, type OcppErrorCode } from './ocpp-error';

// The official OCPP 1.6 JSON schemas, as shipped (and maintained) by ocpp-rpc.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const schemas: Array<{ $id: string }> = require('ocpp-rpc/lib/schemas/ocpp1_6.json');

export type Direction = 'req' | 'conf';

// multipleOfPrecision: the schemas' `multipleOf: 0.1` would otherwise compare 7.1 / 0.1 (= 70.99999999999999)
// with its integer part, refusing about a third of all one-decimal values.
const ajv = new Ajv({ strictSchema: false, allErrors: false, multipleOfPrecision: 6 });
addFormats(ajv);

// The schemas' ids ("urn:Authorize.req") are URNs without a namespace, which ajv's URI resolver rejects;
// the schemas reference nothing outside themselves, so each is compiled on its own, keyed by that id.
const compiled = new Map<string, ValidateFunction>();
for (const { $id, ...schema } of schemas) compiled.set($id, ajv.compile(schema));

export function hasSchema(action: string, direction: Direction): boolean {
  return compiled.has(`urn:${action}.${direction}`);
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
  const validate = compiled.get(`urn:${action}.${direction}`);
  if (!validate) throw new OcppError('NotImplemented', `No schema for ${action}.${direction}`);
  if (validate(payload)) return;
  const [first] = validate.errors ?? [];
  if (!first) throw new OcppError('FormationViolation', `Invalid ${action}.${direction}`);
  const where = first.instancePath || '/';
  throw new OcppError(codeFor(first), `${action}.${direction} ${where} ${first.message ?? 'is invalid'}`, {
    keyword: first.keyword,
    path: where,
  });
}
