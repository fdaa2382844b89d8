import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { clock } from '../../platform/clock';
import type { TenantEm } from '../../platform/db';
import { BadInputError, ConflictError, NotFoundError } from '../../platform/errors';
import { ChargePoint } from '../charge-point/charge-point.entity';
import { ChargingGroup, ChargingGroupMember } from './charging-group.entity';
import { groupAllocations } from './site-limit.service';

const MAX_GROUP_CURRENT_A = 100_000;
const MAX_GROUP_SIZE = 1000;

export interface ChargingGroupInput {
  name?: string | null;
  maxCurrent?: number | null;
  chargePointIds?: string[] | null;
}

export async function listGroups(em: TenantEm): Promise<ChargingGroup[]> {
  return em.find(ChargingGroup, {}, { orderBy: { name: 'asc' } });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function requireGroup(em: TenantEm, id: string): Promise<ChargingGroup> {
  const group = UUID.test(id) ? await em.findOne(ChargingGroup, { id }) : null;
  if (!group) throw new NotFoundError(`Charging group ${id} not found`);
  return group;
}

export async function createGroup(em: TenantEm, tenantId: string, input: Required<{ [K in keyof ChargingGroupInput]: NonNullable<ChargingGroupInput[K]> }>): Promise<ChargingGroup> {
  const name = checkName(input.name);
  const maxCurrentA = checkMaxCurrent(input.maxCurrent);
  const chargePointIds = await checkChargePoints(em, input.chargePointIds, null);
  let group!: ChargingGroup;
  await save(em, name, async (tx) => {
    group = tx.create(ChargingGroup, { tenantId, name, maxCurrentA, createdAt: clock.now(), updatedAt: clock.now() });
    for (const chargePointId of chargePointIds) tx.create(ChargingGroupMember, { tenantId, groupId: group.id, chargePointId });
  });
  return group;
}

/** Fields left out stay; chargePointIds, when given, is the whole new membership. */
export async function updateGroup(em: TenantEm, tenantId: string, id: string, input: ChargingGroupInput): Promise<{ group: ChargingGroup; removed: string[] }> {
  const group = await requireGroup(em, id);
  const name = input.name != null ? checkName(input.name) : group.name;
  if (input.maxCurrent != null) group.maxCurrentA = checkMaxCurrent(input.maxCurrent);
  const chargePointIds = input.chargePointIds != null ? await checkChargePoints(em, input.chargePointIds, id) : null;
  group.name = name;
  group.updatedAt = clock.now();
  let removed: string[] = [];
  await save(em, name, async (tx) => {
    await tx.nativeUpdate(ChargingGroup, { id }, { name: group.name, maxCurrentA: group.maxCurrentA, updatedAt: group.updatedAt });
    if (!chargePointIds) return;
    const before = (await tx.find(ChargingGroupMember, { groupId: id })).map((m) => m.chargePointId);
    removed = before.filter((chargePointId) => !chargePointIds.includes(chargePointId));
    if (removed.length) await tx.nativeDelete(ChargingGroupMember, { groupId: id, chargePointId: { $in: removed } });
    for (const chargePointId of chargePointIds) if (!before.includes(chargePointId)) tx.create(ChargingGroupMember, { tenantId, groupId: id, chargePointId });
  });
  return { group, removed };
}

/** Returns the charge points the group held. */
export async function deleteGroup(em: TenantEm, id: string): Promise<string[]> {
  await requireGroup(em, id);
  return em.transactional(async (tx) => {
    const members = await tx.find(ChargingGroupMember, { groupId: id });
    await tx.nativeDelete(ChargingGroupMember, { groupId: id });
    await tx.nativeDelete(ChargingGroup, { id });
    return members.map((m) => m.chargePointId);
  });
}

export async function groupView(em: TenantEm, group: ChargingGroup) {
  const members = await em.find(ChargingGroupMember, { groupId: group.id }, { orderBy: { chargePointId: 'asc' } });
  const chargePointIds = members.map((m) => m.chargePointId);
  const allocations = await groupAllocations(em, group, chargePointIds);
  return { id: group.id, name: group.name, maxCurrent: Number(group.maxCurrentA), chargePointIds, activeTransactions: allocations.length, allocations };
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100) throw new BadInputError('name must be 1 to 100 characters', 'name');
  return trimmed;
}

function checkMaxCurrent(maxCurrent: number): number {
  if (!Number.isFinite(maxCurrent) || maxCurrent <= 0 || maxCurrent > MAX_GROUP_CURRENT_A) {
    throw new BadInputError(`maxCurrent must be above 0 and at most ${MAX_GROUP_CURRENT_A} A`, 'maxCurrent');
  }
  return Math.round(maxCurrent * 10) / 10 || 0.1;
}

/** Every id is one of the tenant's charge points (NOT_FOUND otherwise) and in no other group (CONFLICT). */
async function checkChargePoints(em: TenantEm, ids: string[], groupId: string | null): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_GROUP_SIZE) throw new BadInputError(`A group holds at most ${MAX_GROUP_SIZE} charge points`, 'chargePointIds');
  if (unique.length === 0) return [];
  const found = new Set((await em.find(ChargePoint, { identity: { $in: unique } }, { fields: ['identity'] })).map((c) => c.identity));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) throw new NotFoundError(`Charge point ${missing[0]} not found`);
  const elsewhere = await em.find(ChargingGroupMember, { chargePointId: { $in: unique }, ...(groupId ? { groupId: { $ne: groupId } } : {}) });
  if (elsewhere.length) throw new ConflictError(`Charge point ${elsewhere[0].chargePointId} is already in another charging group`);
  return unique;
}

/** The unique constraints are the final word when two requests race: name per tenant, group per charge point. */
async function save(em: TenantEm, name: string, work: (tx: TenantEm) => Promise<void>): Promise<void> {
  try {
    await em.transactional(async (tx) => work(tx));
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      const constraint = String((error as { constraint?: string }).constraint ?? error.message);
      if (constraint.includes('charge_point_id')) throw new ConflictError('A charge point is already in another charging group');
      throw new ConflictError(`A charging group named ${name} already exists`);
    }
    throw error;
  }
}
