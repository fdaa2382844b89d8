import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, randomBytes } from 'node:crypto';
import pino from 'pino';
import { serializeError } from './log-errors';

export type Logger = pino.Logger;

/**
 * Fields every log line written while handling one request carries (request id, operation name), however
 * deep the code that logs: the GraphQL edge runs each request inside `logScope.run({...}, ...)`. OCPP
 * lines get tenant, charge point and message id from child loggers instead: no per-frame scope needed.
 */
export const logScope = new AsyncLocalStorage<Record<string, unknown>>();

const REDACTED = '[redacted]';
const ID_TAG_TOKEN_PREFIX = 'idtag:';

/** Secrets are censored wherever these paths appear in a log object. */
const REDACT_PATHS = [
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'secret',
  '*.secret',
  'apiKey',
  '*.apiKey',
  'idTag',
  '*.idTag',
  '*.*.idTag',
  'parentIdTag',
  '*.parentIdTag',
  '*.*.parentIdTag',
  'databaseUrl',
  '*.databaseUrl',
];

/** The one logger. `destination` is for tests that read the JSON lines (default: stdout). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Tokens from idTagToken are already safe and let a reader follow one idTag through a session.
    redact: { paths: REDACT_PATHS, censor: (value) => (typeof value === 'string' && value.startsWith(ID_TAG_TOKEN_PREFIX) ? value : REDACTED) },
    // PostgreSQL errors lose the values MikroORM inlines into their SQL.
    serializers: { err: serializeError },
    // A copy: pino merges each line's fields into the object the mixin returns.
    mixin: () => ({ ...logScope.getStore() }),
  };
  return destination ? pino(options, destination) : pino(options);
}

// Per-process key: the same idTag gives the same token within one process's logs (to follow a session),
// but tokens cannot be turned back into idTags, which are short enough to guess from a plain hash.
const ID_TAG_KEY = randomBytes(32);

/** A stand-in for an idTag in logs. */
export function idTagToken(idTag: string): string {
  return `${ID_TAG_TOKEN_PREFIX}${createHmac('sha256', ID_TAG_KEY).update(idTag).digest('hex').slice(0, 12)}`;
}

const ID_TAG_FIELDS = new Set(['idTag', 'parentIdTag']);

/**
 * An OCPP payload as it may be logged: idTags (also inside local lists and idTagInfo) become tokens, and
 * the AuthorizationKey's value (the charge point's new password, in ChangeConfiguration) is censored.
 * Only called when debug logging is on.
 */
export function loggableOcppPayload(payload: unknown, depth = 0): unknown {
  if (payload === null || typeof payload !== 'object' || depth > 8) return payload;
  if (Array.isArray(payload)) return payload.map((item) => loggableOcppPayload(item, depth + 1));
  const source = payload as Record<string, unknown>;
  const secretValue = typeof source.key === 'string' && source.key.toLowerCase() === 'authorizationkey';
  const copy: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(source)) {
    if (ID_TAG_FIELDS.has(field) && typeof value === 'string') copy[field] = idTagToken(value);
    else if (secretValue && field === 'value') copy[field] = REDACTED;
    else copy[field] = loggableOcppPayload(value, depth + 1);
  }
  return copy;
}
