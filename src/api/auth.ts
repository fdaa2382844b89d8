import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../app-context';
import type { ApiKeyRole } from '../modules/tenant/api-key.entity';
import { API_KEY_PREFIX, hashSecret } from '../modules/tenant/tenant.service';
import { platformSql } from '../platform/db';
import { GroupCommit } from '../platform/group-commit';

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

type KeyRow = { id: string; tenant_id: string; name: string; role: ApiKeyRole };

/**
 * Key checks, batched: checks that arrive while one is in flight go together in the next statement (one
 * lookup of every secret hash in the batch). Each check is answered by a statement that started after it
 * was asked, so a key revoked before a request arrived is never let through by an earlier lookup.
 */
const keyLookups = new WeakMap<AppContext, GroupCommit<string, KeyRow | undefined>>();

function keyLookup(app: AppContext): GroupCommit<string, KeyRow | undefined> {
  let lookup = keyLookups.get(app);
  if (!lookup) {
    lookup = new GroupCommit<string, KeyRow | undefined>(
      async (hashes) => {
        // Across tenants: a request learns its tenant from its key (a platform-scope lookup by the unique hash).
        const rows = await platformSql<KeyRow & { secret_hash: string }>(
          app.orm,
          'select id, tenant_id, name, role, secret_hash from api_key where secret_hash in (select jsonb_array_elements_text(?::jsonb)) and revoked_at is null',
          [JSON.stringify([...new Set(hashes)])],
        );
        const byHash = new Map(rows.map((row) => [row.secret_hash, row]));
        return hashes.map((hash) => byHash.get(hash));
      },
      { maxInFlight: 2, maxBatch: 500 },
    );
    keyLookups.set(app, lookup);
  }
  return lookup;
}

/** Resolves an Authorization header value to a principal; null when the key is missing, unknown or revoked. */
export async function authenticate(app: AppContext, authorization: unknown): Promise<Principal | null> {
  const secret = bearerSecret(authorization);
  if (!secret) return null;
  const adminKey = app.config.adminApiKey;
  if (adminKey !== undefined && sameSecret(secret, adminKey)) return { kind: 'admin' };
  if (!secret.startsWith(API_KEY_PREFIX)) return null;
  const key = await keyLookup(app).submit(hashSecret(secret));
  if (!key) return null;
  return { kind: 'tenant', tenantId: key.tenant_id, keyId: key.id, keyName: key.name, role: key.role };
}
