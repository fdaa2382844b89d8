import { randomUUID } from 'node:crypto';
import { tenantEm, tenantSql, type Orm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { BadInputError } from '../../platform/errors';
import { checkIdTagInput, type IdTagInput } from '../authorization/id-tag.service';
import { idTagKey } from '../authorization/id-tag.entity';
import { checkNewChargePoint } from '../charge-point/charge-point-admin.service';
import { hashPassword } from '../charge-point/password';

/** Rows one import may hold. */
export const MAX_IMPORT_ROWS = 100_000;
/** Rows per INSERT: 1,000 rows of at most 6 values stay far under PostgreSQL's 65,535 bind parameters. */
const ROWS_PER_STATEMENT = 1000;
/** Problems listed in one answer; the count says how many there were in all. */
const MAX_REPORTED_PROBLEMS = 1000;
/** scrypt runs on libuv's thread pool (4 threads); more at once only queues. */
const HASH_CONCURRENCY = 4;

export interface ImportProblem {
  line: number;
  field?: string;
  reason: string;
}

/** Nothing was stored: `problems` names each bad line (the first MAX_REPORTED_PROBLEMS of `count`). */
export class ImportRejectedError extends BadInputError {
  constructor(
    readonly problems: ImportProblem[],
    readonly count: number,
  ) {
    super(`${count} bad line${count === 1 ? '' : 's'}; nothing was imported`);
  }
}

export interface ChargePointRow {
  line: number;
  id: string;
  password?: string | null;
  passwordHash?: string | null;
  registrationStatus?: string | null;
}

export interface IdTagRow extends IdTagInput {
  line: number;
}

// The two stored forms password.ts writes (scrypt for chosen passwords, salted SHA-256 for generated ones).
const STORED_HASH = /^(scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*|sha256\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*)$/;

class Problems {
  readonly list: ImportProblem[] = [];
  add(line: number, reason: string, field?: string): void {
    this.list.push({ line, ...(field ? { field } : {}), reason });
  }
  check(line: number, checks: () => void): void {
    try {
      checks();
    } catch (error) {
      if (!(error instanceof BadInputError)) throw error;
      this.add(line, error.message, error.field);
    }
  }
  throwAny(): void {
    if (this.list.length === 0) return;
    const sorted = this.list.sort((a, b) => a.line - b.line);
    throw new ImportRejectedError(sorted.slice(0, MAX_REPORTED_PROBLEMS), sorted.length);
  }
}

function checkSize(rows: unknown[]): void {
  if (rows.length === 0) throw new BadInputError('nothing to import');
  if (rows.length > MAX_IMPORT_ROWS) throw new BadInputError(`at most ${MAX_IMPORT_ROWS} rows per import`);
}

function* batches<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) yield rows.slice(i, i + ROWS_PER_STATEMENT);
}

function placeholders(rows: number, columns: string[]): string {
  const row = `(${columns.join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Creates charge points in one transaction: every row is checked as createChargePoint checks it, and any
 * bad, repeated or already existing id rejects the whole import with the list of bad lines.
 */
export async function importChargePoints(orm: Orm, tenantId: string, rows: ChargePointRow[]): Promise<number> {
  checkSize(rows);
  const problems = new Problems();
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    problems.check(row.line, () => {
      checkNewChargePoint(row);
      if (row.password != null && row.passwordHash != null) throw new BadInputError('give password or passwordHash, not both', 'passwordHash');
      if (row.passwordHash != null && !STORED_HASH.test(row.passwordHash)) throw new BadInputError('passwordHash is not a QCharge stored hash (scrypt$... or sha256$...)', 'passwordHash');
    });
    const seen = firstLine.get(row.id);
    if (seen !== undefined) problems.add(row.line, `id ${row.id} is repeated (first on line ${seen})`, 'id');
    else firstLine.set(row.id, row.line);
  }
  problems.throwAny();

  const hashes = await mapLimited(rows, HASH_CONCURRENCY, async (row) => (row.password != null ? hashPassword(row.password) : (row.passwordHash ?? null)));
  const now = clock.now();
  const em = tenantEm(orm, tenantId);
  await em.transactional(async (tx) => {
    let offset = 0;
    for (const batch of batches(rows)) {
      const params: unknown[] = [];
      batch.forEach((row, i) => params.push(randomUUID(), row.id, hashes[offset + i], row.registrationStatus ?? 'Accepted', now));
      offset += batch.length;
      // An id that exists already is skipped here and reported below, which rolls everything back.
      const inserted = await tenantSql<{ identity: string }>(
        tx,
        `insert into "charge_point" ("pk", "tenant_id", "identity", "password_hash", "registration_status", "created_at")
         values ${placeholders(batch.length, ['?', '$tenant', '?', '?', '?', '?'])}
         on conflict ("tenant_id", "identity") do nothing returning "identity"`,
        params,
      );
      if (inserted.length === batch.length) continue;
      const stored = new Set(inserted.map((r) => r.identity));
      for (const row of batch) if (!stored.has(row.id)) problems.add(row.line, `charge point ${row.id} already exists`, 'id');
    }
    problems.throwAny();
  });
  return rows.length;
}

/**
 * Creates or updates id tags in one transaction, each checked as upsertIdTag checks it; a bad or repeated
 * (case-insensitively, as OCPP compares them) tag rejects the whole import with the list of bad lines.
 */
export async function importIdTags(orm: Orm, tenantId: string, rows: IdTagRow[]): Promise<{ created: number; updated: number }> {
  checkSize(rows);
  const problems = new Problems();
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    problems.check(row.line, () => {
      checkIdTagInput(row);
      if (row.expiryDate && Number.isNaN(row.expiryDate.getTime())) throw new BadInputError('expiryDate must be an ISO 8601 date-time', 'expiryDate');
    });
    if (!row.idTag) continue;
    const key = idTagKey(row.idTag);
    const seen = firstLine.get(key);
    if (seen !== undefined) problems.add(row.line, `id tag ${row.idTag} is repeated (first on line ${seen})`, 'idTag');
    else firstLine.set(key, row.line);
  }
  problems.throwAny();

  const now = clock.now();
  let created = 0;
  const em = tenantEm(orm, tenantId);
  await em.transactional(async (tx) => {
    for (const batch of batches(rows)) {
      const params: unknown[] = [];
      for (const row of batch) params.push(randomUUID(), row.idTag, idTagKey(row.idTag), row.status ?? 'Accepted', row.expiryDate ?? null, row.parentIdTag ?? null, now);
      // The file states each tag in full: an existing tag takes the row's values (no status: Accepted).
      const result = await tenantSql<{ inserted: boolean }>(
        tx,
        `insert into "id_tag" ("pk", "tenant_id", "id_tag", "id_tag_key", "status", "expiry_date", "parent_id_tag", "updated_at")
         values ${placeholders(batch.length, ['?', '$tenant', '?', '?', '?', '?::timestamptz', '?', '?'])}
         on conflict ("tenant_id", "id_tag_key") do update set
           "id_tag" = excluded."id_tag",
           "status" = excluded."status",
           "expiry_date" = excluded."expiry_date",
           "parent_id_tag" = excluded."parent_id_tag",
           "updated_at" = excluded."updated_at"
         returning (xmax = 0) as "inserted"`,
        params,
      );
      created += result.filter((r) => r.inserted).length;
    }
  });
  return { created, updated: rows.length - created };
}
