import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ImportRejectedError } from '../modules/bulk/bulk-import.service';
import { CommandFailed } from '../modules/command/command.service';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../platform/errors';
import type { Logger } from '../platform/logger';
import { isRedisUnavailable } from '../platform/redis';

/** The contract's `extensions.code` values. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CHARGE_POINT_OFFLINE'
  | 'CHARGE_POINT_TIMEOUT'
  | 'OCPP_CALL_ERROR'
  | 'CONFLICT'
  | 'INTERNAL_SERVER_ERROR';

/** A schema field whose module has not been built yet, or a feature whose role is not running. */
export class NotAvailableError extends Error {}

const DOMAIN_CODES: Array<[new (...args: never[]) => Error, ErrorCode]> = [
  [NotFoundError, 'NOT_FOUND'],
  [BadInputError, 'BAD_USER_INPUT'],
  [ForbiddenError, 'FORBIDDEN'],
  [UnauthenticatedError, 'UNAUTHENTICATED'],
  [ConflictError, 'CONFLICT'],
];

// Codes graphql-js and Apollo give to requests the client got wrong.
const CLIENT_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

function withCode(formatted: GraphQLFormattedError, message: string, code: ErrorCode, extra: Record<string, unknown> = {}): GraphQLFormattedError {
  return { message, locations: formatted.locations, path: formatted.path, extensions: { code, ...extra } };
}

/**
 * The one place errors become wire errors: domain errors get their contract code, requests the client got
 * wrong become BAD_USER_INPUT, and anything else is logged here and answered with a generic message (no
 * stack, no SQL).
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, log: Logger): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof CommandFailed) {
    return withCode(formatted, original.message, original.code, {
      ...(original.ocppErrorCode ? { ocppErrorCode: original.ocppErrorCode } : {}),
      ...(original.command ? { commandId: original.command.id } : {}),
    });
  }
  for (const [type, code] of DOMAIN_CODES) {
    if (original instanceof type) {
      const field = original instanceof BadInputError && original.field ? { field: original.field } : {};
      const report = original instanceof ImportRejectedError ? { problems: original.problems, problemCount: original.count } : {};
      return withCode(formatted, original.message, code, { ...field, ...report });
    }
  }
  if (original instanceof NotAvailableError) return withCode(formatted, original.message, 'INTERNAL_SERVER_ERROR');
  if (isRedisUnavailable(original)) {
    log.warn({ err: original, path: formatted.path }, 'GraphQL request failed: Redis unavailable');
    return withCode(formatted, 'Redis unavailable: try again shortly', 'INTERNAL_SERVER_ERROR');
  }
  if (original instanceof GraphQLError) {
    const code = String(formatted.extensions?.code ?? '');
    if (CLIENT_REQUEST_CODES.has(code)) return withCode(formatted, formatted.message, 'BAD_USER_INPUT');
    // Without a code and without a cause: graphql-js's own request errors (over graphql-ws, where Apollo
    // has not labelled them): validation, variable coercion, limits.
    if (!code && !original.originalError) return withCode(formatted, formatted.message, 'BAD_USER_INPUT');
  }
  log.error({ err: original, path: formatted.path }, 'GraphQL request failed');
  return withCode(formatted, 'Internal server error', 'INTERNAL_SERVER_ERROR');
}
