import type http from 'node:http';
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { AppContext } from '../../app-context';
import { authenticate } from '../../api/auth';
import { tenantEm, tenantSql } from '../../platform/db';
import { BadInputError } from '../../platform/errors';
import type { HttpServer } from '../../platform/http-server';
import { BodyTooLargeError, pathSegments, readBody, replyAndDrain, replyJson } from '../../platform/http-replies';
import type { IdTagStatus } from '../authorization/id-tag.entity';
import { ImportRejectedError, importChargePoints, importIdTags } from './bulk-import.service';

export const IMPORT_PREFIX = '/import';
export const EXPORT_PREFIX = '/export';
/** Largest CSV accepted: 100,000 rows of a few columns stay well under this. */
const MAX_CSV_BYTES = 32 * 1024 * 1024;
/** Rows read per query while streaming an export: memory stays bounded however large the table. */
const EXPORT_PAGE = 1000;

const IMPORT_COLUMNS = {
  'charge-points': ['id', 'password', 'passwordHash', 'registrationStatus'],
  'id-tags': ['idTag', 'status', 'expiryDate', 'parentIdTag'],
} as const;
type ImportKind = keyof typeof IMPORT_COLUMNS;

/** CSV text to records keyed by the header row; each with the line it started on (the header is line 1). */
function csvRecords(text: string, kind: ImportKind): Array<{ line: number; fields: Record<string, string> }> {
  const allowed: readonly string[] = IMPORT_COLUMNS[kind];
  const rows = parseCsv(text, {
    bom: true,
    info: true,
    skip_empty_lines: true,
    trim: true,
    columns: (header: string[]) => {
      const unknown = header.filter((name) => !allowed.includes(name));
      if (unknown.length) throw new BadInputError(`unknown column ${unknown.join(', ')}; the columns are ${allowed.join(', ')}`);
      if (!header.includes(allowed[0])) throw new BadInputError(`the header row must name the ${allowed[0]} column`);
      return header;
    },
  }) as Array<{ record: Record<string, string>; info: { lines: number; records: number } }>;
  return rows.map(({ record, info }) => ({ line: info.lines, fields: record }));
}

const orNull = (value: string | undefined): string | null => (value ? value : null);


async function runImport(app: AppContext, tenantId: string, kind: ImportKind, text: string): Promise<object> {
  const records = csvRecords(text, kind);
  if (kind === 'charge-points') {
    const rows = records.map(({ line, fields }) => ({
      line,
      id: fields.id ?? '',
      password: orNull(fields.password),
      passwordHash: orNull(fields.passwordHash),
      registrationStatus: orNull(fields.registrationStatus),
    }));
    return { imported: await importChargePoints(app.orm, tenantId, rows) };
  }
  const rows = records.map(({ line, fields }) => ({
    line,
    idTag: fields.idTag ?? '',
    status: orNull(fields.status) as IdTagStatus | null,
    // An unreadable date stays an Invalid Date, reported with the row's other problems.
    expiryDate: fields.expiryDate ? new Date(fields.expiryDate) : null,
    parentIdTag: orNull(fields.parentIdTag),
  }));
  const { created, updated } = await importIdTags(app.orm, tenantId, rows);
  return { imported: created + updated, created, updated };
}

/** `POST /import/charge-points` and `/import/id-tags`: a CSV body, all or nothing, with an OWNER or OPERATOR key. */
export function importRoute(app: AppContext) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const [kind, ...rest] = pathSegments(req, IMPORT_PREFIX);
    if (!(kind in IMPORT_COLUMNS) || rest.length) return replyAndDrain(req, res, 404, { error: 'POST /import/charge-points or /import/id-tags' });
    if (req.method !== 'POST') return replyAndDrain(req, res, 405, { error: 'use POST with a text/csv body' }, { allow: 'POST' });
    const key = await authenticate(app, req.headers.authorization);
    if (key?.kind !== 'tenant') return replyAndDrain(req, res, 401, { error: 'a tenant API key is required' }, { 'www-authenticate': 'Bearer' });
    if (key.role === 'VIEWER') return replyAndDrain(req, res, 403, { error: 'a VIEWER key may not import' });
    if (Number(req.headers['content-length'] ?? 0) > MAX_CSV_BYTES) return replyAndDrain(req, res, 413, { error: `larger than ${MAX_CSV_BYTES} bytes` }, { connection: 'close' });
    let text: string;
    try {
      text = await readBody(req, MAX_CSV_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return replyAndDrain(req, res, 413, { error: `larger than ${MAX_CSV_BYTES} bytes` }, { connection: 'close' });
      throw error;
    }
    try {
      const result = await runImport(app, key.tenantId, kind as ImportKind, text);
      app.log.info({ tenantId: key.tenantId, kind, ...result }, 'bulk import');
      replyJson(res, 200, result);
    } catch (error) {
      if (error instanceof ImportRejectedError) return replyJson(res, 400, { error: error.message, problemCount: error.count, problems: error.problems });
      if (error instanceof CsvError) {
        const line = (error as CsvError & { lines?: number }).lines;
        return replyJson(res, 400, { error: 'not valid CSV; nothing was imported', problemCount: 1, problems: [{ line, reason: error.message }] });
      }
      if (error instanceof BadInputError) return replyJson(res, 400, { error: error.message });
      throw error;
    }
  };
}

interface ExportSpec {
  columns: string[];
  /** One page after the keyset cursor; `$cursor` is the last row's `cursor` column. */
  page(app: AppContext, tenantId: string, after: string | number | null, query: URLSearchParams): Promise<Array<Record<string, unknown>>>;
}

// Timestamps come from the driver as Dates or as PostgreSQL text ('2030-01-01 00:00:00+00'): ISO 8601 in the file.
const PG_TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?[+-]\d\d(:\d\d)?$/;
function cell(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && PG_TIMESTAMP.test(value)) return new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
  return value;
}

const EXPORTS: Record<string, ExportSpec> = {
  'transactions.csv': {
    columns: ['id', 'chargePointId', 'connectorId', 'idTag', 'startStatus', 'startTimestamp', 'stopTimestamp', 'meterStart', 'meterStop', 'energyWh', 'stopReason', 'stopIdTag', 'reservationId'],
    page: (app, tenantId, after, query) =>
      tenantSql(
        tenantEm(app.orm, tenantId),
        `select "id" as "cursor", "id", "charge_point_id" as "chargePointId", "connector_id" as "connectorId", "id_tag" as "idTag",
                "start_status" as "startStatus", "start_timestamp" as "startTimestamp", "stop_timestamp" as "stopTimestamp",
                "meter_start" as "meterStart", "meter_stop" as "meterStop", "meter_stop" - "meter_start" as "energyWh",
                "stop_reason" as "stopReason", "stop_id_tag" as "stopIdTag", "reservation_id" as "reservationId"
           from "charging_transaction"
          where "tenant_id" = $tenant and "id" > ? and "start_timestamp" >= ? and "start_timestamp" < ?
          order by "id" limit ${EXPORT_PAGE}`,
        [after ?? 0, dateParam(query, 'from', new Date(0)), dateParam(query, 'to', new Date('9999-12-31T00:00:00Z'))],
      ),
  },
  'id-tags.csv': {
    columns: ['idTag', 'status', 'expiryDate', 'parentIdTag'],
    page: (app, tenantId, after) =>
      tenantSql(
        tenantEm(app.orm, tenantId),
        `select "id_tag_key" as "cursor", "id_tag" as "idTag", "status", "expiry_date" as "expiryDate", "parent_id_tag" as "parentIdTag"
           from "id_tag" where "tenant_id" = $tenant and "id_tag_key" > ? order by "id_tag_key" limit ${EXPORT_PAGE}`,
        [after ?? ''],
      ),
  },
  'charge-points.csv': {
    columns: ['id', 'registrationStatus', 'vendor', 'model', 'serialNumber', 'firmwareVersion', 'iccid', 'imsi', 'lastSeenAt', 'createdAt'],
    page: (app, tenantId, after) =>
      tenantSql(
        tenantEm(app.orm, tenantId),
        `select "identity" as "cursor", "identity" as "id", "registration_status" as "registrationStatus", "vendor", "model",
                "serial_number" as "serialNumber", "firmware_version" as "firmwareVersion", "iccid", "imsi",
                "last_seen_at" as "lastSeenAt", "created_at" as "createdAt"
           from "charge_point" where "tenant_id" = $tenant and "identity" > ? order by "identity" limit ${EXPORT_PAGE}`,
        [after ?? ''],
      ),
  },
};

function dateParam(query: URLSearchParams, name: string, fallback: Date): Date {
  const value = query.get(name);
  if (!value) return fallback;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new BadInputError(`${name} must be an ISO 8601 date-time`);
  return date;
}

/** `GET /export/<name>.csv`: the caller's tenant only, streamed page by page (any tenant key may export). */
export function exportRoute(app: AppContext) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const [name, ...rest] = pathSegments(req, EXPORT_PREFIX);
    const spec = EXPORTS[name];
    if (!spec || rest.length) return replyJson(res, 404, { error: `GET /export/${Object.keys(EXPORTS).join(', /export/')}` });
    if (req.method !== 'GET') return replyJson(res, 405, { error: 'use GET' }, { allow: 'GET' });
    const key = await authenticate(app, req.headers.authorization);
    if (key?.kind !== 'tenant') return replyJson(res, 401, { error: 'a tenant API key is required' }, { 'www-authenticate': 'Bearer' });
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    let rows: Array<Record<string, unknown>>;
    try {
      rows = await spec.page(app, key.tenantId, null, query);
    } catch (error) {
      if (error instanceof BadInputError) return replyJson(res, 400, { error: error.message });
      throw error;
    }
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
    res.write(stringify([spec.columns]));
    while (rows.length > 0 && !res.destroyed) {
      const chunk = stringify(rows.map((row) => spec.columns.map((column) => cell(row[column]))));
      if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
      if (rows.length < EXPORT_PAGE) break;
      rows = await spec.page(app, key.tenantId, rows[rows.length - 1].cursor as string | number, query);
    }
    res.end();
  };
}

export function mountBulkRoutes(app: AppContext, http: HttpServer): void {
  http.mount(IMPORT_PREFIX, importRoute(app));
  http.mount(EXPORT_PREFIX, exportRoute(app));
}
