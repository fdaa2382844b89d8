import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// RFC 3339 date-time: full date, 'T' (or space is not allowed by the contract), time, and a zone.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !RFC3339.test(value)) {
    throw new GraphQLError('DateTime must be an RFC 3339 date-time string, e.g. 2024-01-31T12:00:00Z', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const date = new Date(value);
  const [, month, day] = value.slice(0, 10).split('-').map(Number);
  // Date() rolls 2024-02-31 over to March; RFC 3339 calls it invalid.
  if (Number.isNaN(date.getTime()) || month < 1 || month > 12 || day < 1 || day > 31 || !sameCalendarDay(value, date)) {
    throw new GraphQLError(`DateTime ${value} is not a valid date-time`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return date;
}

function sameCalendarDay(value: string, date: Date): boolean {
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(value);
  const minutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  const local = new Date(date.getTime() + minutes * 60_000);
  return local.toISOString().slice(0, 10) === value.slice(0, 10);
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An RFC 3339 date-time string, always answered in UTC.',
  serialize(value) {
    const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw new Error('DateTime cannot represent this value');
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDateTime(ast.value);
  },
});

function literalValue(ast: import('graphql').ValueNode, variables?: Record<string, unknown> | null): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literalValue(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalValue(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
    default:
      throw new GraphQLError('JSON cannot represent this literal', { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value (OCPP payloads).',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literalValue,
});
