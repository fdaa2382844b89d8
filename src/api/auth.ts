import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../app-context';
import type { ApiKeyRole } from '../modules/tenant/api-key.entity';
import { findApiKeyBySecret } from '../modules/tenant/tenant.service';

/** Who is calling: the platform admin, or one tenant key (which fixes the tenant for the whole request). */
export type Principal =
  | { kind: 'admin' }
  | { kind: 'tenant'; tenantId: string; keyId: string; keyName: string; role: ApiKeyRole };

/** Parses `Bearer <key>` (scheme case-insensitive); anything else is no key. */
export function bearerSecret(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function sameSecret(given: string, expected: string): boolean {
  // Digests have equal length, so the comparison takes the same time whatever the given key's length.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Resolves an Authorization header value to a principal; null when the key is missing, unknown or revoked. */
export async function authenticate(app: AppContext, authorization: unknown): Promise<Principal | null> {
  const secret = bearerSecret(authorization);
  if (!secret) return null;
  const adminKey = app.config.adminApiKey;
  if (adminKey !== undefined && sameSecret(secret, adminKey)) return { kind: 'admin' };
  const key = await findApiKeyBySecret(app.orm, secret);
  if (!key) return null;
  return { kind: 'tenant', tenantId: key.tenantId, keyId: key.id, keyName: key.name, role: key.role };
}
