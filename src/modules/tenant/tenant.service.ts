import { createHash, randomBytes } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Orm, TenantEm } from '../../platform/db';
import { platformEm, tenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { BadInputError, ConflictError, NotFoundError } from '../../platform/errors';
import { ApiKey, type ApiKeyRole } from './api-key.entity';
import { Tenant } from './tenant.entity';

/** Goes into charge point URLs as one path segment, matched exactly. */
const SLUG = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
export const API_KEY_PREFIX = 'qck_';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A generated API key secret: 32 random bytes, so a plain SHA-256 is a safe and fast way to store it. */
export function generateSecret(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export async function createTenant(orm: Orm, input: { slug: string; name: string }) {
  if (!SLUG.test(input.slug)) throw new BadInputError('slug must be 1-63 letters, digits, dots, underscores or dashes, starting and ending with a letter or digit', 'slug');
  const name = input.name?.trim();
  if (!name || name.length > 200) throw new BadInputError('name must be 1-200 characters', 'name');
  const em = platformEm(orm);
  const tenant = em.create(Tenant, { slug: input.slug, name, createdAt: clock.now() });
  try {
    await em.persistAndFlush(tenant);
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`Tenant slug ${input.slug} is taken`);
    throw error;
  }
  const { apiKey, secret } = await createApiKey(tenantEm(orm, tenant.id), tenant.id, { name: 'owner', role: 'OWNER' });
  return { tenant, apiKey, secret };
}

export async function createApiKey(em: TenantEm, tenantId: string, input: { name: string; role: ApiKeyRole }) {
  const name = input.name?.trim();
  if (!name || name.length > 200) throw new BadInputError('name must be 1-200 characters', 'name');
  const secret = generateSecret();
  const apiKey = em.create(ApiKey, { tenantId, name, role: input.role, secretHash: hashSecret(secret), createdAt: clock.now() });
  await em.persistAndFlush(apiKey);
  return { apiKey, secret };
}

export async function revokeApiKey(em: TenantEm, id: string) {
  const apiKey = await em.findOne(ApiKey, { id });
  if (!apiKey) throw new NotFoundError('API key not found');
  apiKey.revokedAt ??= clock.now();
  await em.flush();
  return apiKey;
}
