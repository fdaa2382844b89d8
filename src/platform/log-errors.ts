import pino from 'pino';
import { isSqlError, redactSqlError } from './sql-error-redaction';

const MAX_CAUSES = 5;

/**
 * The `err` serializer of the one logger: PostgreSQL errors (and errors caused by one) lose the bound
 * values they carry, on whatever path they are logged. The logged error itself is left as it was.
 */
export function serializeError(error: unknown): unknown {
  return pino.stdSerializers.err(withoutSqlValues(error, 0) as Error);
}

function withoutSqlValues(error: unknown, depth: number): unknown {
  if (!(error instanceof Error) || depth > MAX_CAUSES) return error;
  const cause = withoutSqlValues(error.cause, depth + 1);
  if (!isSqlError(error) && cause === error.cause) return error;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(error)) as Error, error);
  Object.defineProperty(copy, 'message', { value: error.message, writable: true, configurable: true });
  Object.defineProperty(copy, 'stack', { value: error.stack, writable: true, configurable: true });
  if (error.cause !== undefined) Object.defineProperty(copy, 'cause', { value: cause, writable: true, configurable: true });
  if (isSqlError(error)) redactSqlError(copy);
  return copy;
}
