import { sqlState } from './async';

/**
 * PostgreSQL errors must not carry bound values (idTags, MeterValues payloads) into logs. MikroORM inlines
 * every parameter into the SQL text it sends, and knex prefixes the error message with that text; the
 * server's own message and detail quote the offending value too. What is kept: the statement with its
 * literals replaced by `?`, the SQLSTATE, and the server's message with quoted values cut out.
 */

/** The statement with string and numeric literals replaced by `?` (MikroORM quotes with pg's escapeLiteral: '' inside, optional E prefix). */
export function sqlWithoutValues(sql: string): string {
  return sql
    .replace(/(?:\bE)?'(?:[^']|'')*'/g, '?')
    .replace(/(?<![\w$"])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/gi, '?')
    .slice(0, 2000);
}

/** The server's message without the values it quotes (`...: "value"`, `Key (col)=(value)`). */
export function messageWithoutValues(message: string): string {
  return message.replace(/: ".*$/s, ': [redacted]').replace(/\)=\(.*?\)( |$)/gs, ')=([redacted])$1');
}

const VALUE_FIELDS = ['detail', 'where', 'internalQuery', 'parameters', 'params', 'values', 'bindings', 'query', 'sql', 'sqlMessage'] as const;

/**
 * Rewrites, in place, an error knex reports for `sql` before anyone else sees it: the message keeps the
 * server's words only, the stack's first line follows, and `statement` holds the SQL without values.
 * Without `sql` (an error met later, in a log serializer), the server's words are what follows the last
 * " - " knex put in.
 */
export function redactSqlError(error: Error, sql?: string): void {
  const record = error as Error & Record<string, unknown>;
  const prefix = sql === undefined ? undefined : `${sql} - `;
  let serverMessage: string;
  if (prefix && error.message.startsWith(prefix)) serverMessage = error.message.slice(prefix.length);
  else if (typeof record.statement === 'string') serverMessage = error.message;
  else serverMessage = error.message.includes(' - ') ? error.message.slice(error.message.lastIndexOf(' - ') + 3) : error.message;
  const message = messageWithoutValues(serverMessage);
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  for (const field of VALUE_FIELDS) delete record[field];
  error.message = message;
  error.stack = [`${error.name}: ${message}`, ...frames].join('\n');
  if (sql !== undefined) record.statement = sqlWithoutValues(sql);
}

/** Whether a value looks like an error from PostgreSQL (pg's DatabaseError or MikroORM's wrapping of it). */
export function isSqlError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const record = error as unknown as Record<string, unknown>;
  return sqlState(error) !== undefined && ('severity' in record || 'routine' in record || 'sqlState' in record);
}
