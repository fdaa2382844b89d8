import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { BadInputError, ConflictError, NotFoundError } from '../../platform/errors';
import { IdTag, idTagKey, type IdTagStatus } from './id-tag.entity';

/** OCPP IdToken: CiString20Type. */
const MAX_ID_TAG_LENGTH = 20;
const STATUSES: IdTagStatus[] = ['Accepted', 'Blocked', 'Expired', 'Invalid'];

export interface IdTagInput {
  idTag: string;
  status?: IdTagStatus | null;
  expiryDate?: Date | null;
  parentIdTag?: string | null;
}

function checkIdToken(value: string, field: string): void {
  // Printable ASCII only: what a charge point can send back in Authorize.
  if (!value || value.length > MAX_ID_TAG_LENGTH || !/^[\x20-\x7e]+$/.test(value)) {
    throw new BadInputError(`${field} must be 1-${MAX_ID_TAG_LENGTH} printable ASCII characters`, field);
  }
}

/** The checks of an id tag's fields (also run on each row of a bulk import). */
export function checkIdTagInput(input: IdTagInput): void {
  checkIdToken(input.idTag, 'idTag');
  if (input.parentIdTag != null) checkIdToken(input.parentIdTag, 'parentIdTag');
  if (input.status != null && !STATUSES.includes(input.status)) throw new BadInputError('status must be Accepted, Blocked, Expired or Invalid', 'status');
}

/** A page of id tags in key order, after the key `afterKey`, and how many there are. */
export async function listIdTags(em: TenantEm, afterKey: string | undefined, limit: number): Promise<{ rows: IdTag[]; totalCount: number }> {
  const [rows, totalCount] = await Promise.all([
    em.find(IdTag, afterKey === undefined ? {} : { idTagKey: { $gt: afterKey } }, { orderBy: { idTagKey: 'asc' }, limit }),
    em.count(IdTag, {}),
  ]);
  return { rows, totalCount };
}

/**
 * Creates or replaces an id tag. The key is case-insensitive (OCPP compares IdTokens that way), so
 * `abc` and `ABC` are one tag; the latest spelling is kept.
 */
export async function upsertIdTag(em: TenantEm, tenantId: string, input: IdTagInput): Promise<IdTag> {
  checkIdTagInput(input);
  const key = idTagKey(input.idTag);
  const existing = await em.findOne(IdTag, { idTagKey: key });
  if (existing) {
    // An update changes what it names: a field left out keeps its value, an explicit null clears it.
    const changes: Partial<IdTag> = { idTag: input.idTag, updatedAt: clock.now() };
    if (input.status != null) changes.status = input.status;
    if (input.expiryDate !== undefined) changes.expiryDate = input.expiryDate;
    if (input.parentIdTag !== undefined) changes.parentIdTag = input.parentIdTag;
    em.assign(existing, changes);
    await em.flush();
    return existing;
  }
  const values = { idTag: input.idTag, status: input.status ?? 'Accepted', expiryDate: input.expiryDate ?? null, parentIdTag: input.parentIdTag ?? null, updatedAt: clock.now() };
  const tag = em.create(IdTag, { tenantId, idTagKey: key, ...values });
  try {
    await em.persistAndFlush(tag);
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`Id tag ${input.idTag} was created at the same time; retry`);
    throw error;
  }
  return tag;
}

export async function deleteIdTag(em: TenantEm, idTag: string): Promise<void> {
  const deleted = await em.nativeDelete(IdTag, { idTagKey: idTagKey(idTag) });
  if (deleted === 0) throw new NotFoundError(`Id tag ${idTag} not found`);
}
