import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { BadInputError, ConflictError, NotFoundError } from '../../platform/errors';
import { ChargePoint, type RegistrationStatus } from './charge-point.entity';
import { Connector } from './connector.entity';
import { ConfigurationKey } from './configuration-key.entity';
import { ChargingGroupMember } from '../smart-charging/charging-group.entity';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password';

const IDENTITY = /^[A-Za-z0-9._:\-]{1,48}$/;
const STATUSES: RegistrationStatus[] = ['Accepted', 'Pending', 'Rejected'];

function checkPassword(password: string): void {
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes < MIN_PASSWORD_LENGTH || bytes > MAX_PASSWORD_LENGTH || password.includes(':')) {
    throw new BadInputError(`password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} bytes without ':'`, 'password');
  }
}

function checkStatus(status: string): asserts status is RegistrationStatus {
  if (!STATUSES.includes(status as RegistrationStatus)) throw new BadInputError('registrationStatus must be Accepted, Pending or Rejected', 'registrationStatus');
}

export async function createChargePoint(
  em: TenantEm,
  tenantId: string,
  input: { id: string; password?: string | null; registrationStatus?: string | null },
): Promise<ChargePoint> {
  if (!IDENTITY.test(input.id ?? '')) throw new BadInputError('id must be 1-48 characters: letters, digits, . _ : -', 'id');
  const status = input.registrationStatus ?? 'Accepted';
  checkStatus(status);
  if (input.password != null) checkPassword(input.password);
  const chargePoint = em.create(ChargePoint, {
    tenantId,
    identity: input.id,
    passwordHash: input.password != null ? await hashPassword(input.password) : null,
    registrationStatus: status,
    createdAt: clock.now(),
  });
  try {
    await em.persistAndFlush(chargePoint);
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`Charge point ${input.id} already exists`);
    throw error;
  }
  return chargePoint;
}

export async function updateChargePoint(
  em: TenantEm,
  input: { id: string; password?: string | null; registrationStatus?: string | null },
): Promise<ChargePoint> {
  const chargePoint = await em.findOne(ChargePoint, { identity: input.id });
  if (!chargePoint) throw new NotFoundError(`Charge point ${input.id} not found`);
  if (input.registrationStatus != null) {
    checkStatus(input.registrationStatus);
    chargePoint.registrationStatus = input.registrationStatus;
  }
  if (input.password !== undefined) {
    if (input.password === null) chargePoint.passwordHash = null;
    else {
      checkPassword(input.password);
      chargePoint.passwordHash = await hashPassword(input.password);
    }
  }
  await em.flush();
  return chargePoint;
}

export async function setChargePointPassword(em: TenantEm, chargePointId: string, password: string): Promise<void> {
  checkPassword(password);
  await em.nativeUpdate(ChargePoint, { identity: chargePointId }, { passwordHash: await hashPassword(password) });
}

export async function deleteChargePoint(em: TenantEm, id: string): Promise<void> {
  const chargePoint = await em.findOne(ChargePoint, { identity: id });
  if (!chargePoint) throw new NotFoundError(`Charge point ${id} not found`);
  await em.transactional(async (tx) => {
    await tx.nativeDelete(Connector, { chargePointId: id });
    await tx.nativeDelete(ConfigurationKey, { chargePointId: id });
    // A charge point created again under the same id starts outside any site-limit group.
    await tx.nativeDelete(ChargingGroupMember, { chargePointId: id });
    await tx.nativeDelete(ChargePoint, { identity: id });
  });
}

export { checkPassword };
