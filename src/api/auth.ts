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

/** The admin key's digest, worked out once per key (the config's value does not change while it runs). */
let expectedDigest: { secret: string; digest: Buffer } | undefined;

function sameSecret(given: string, expected: string): boolean {
  // Digests have equal length, so the comparison takes the same time whatever the given key's length.
  const a = createHash('sha256').update(given).digest();
  if (expectedDigest?.secret !== expected) expectedDigest = { secret: expected, digest: createHash('sha256').update(expected).digest() };
  return timingSafeEqual(a, expectedDigest.digest);
}

type KeyRow = { id: string; tenant_id: string; name: string; role: ApiKeyRole };

/** How long a node answers for a key it checked without asking PostgreSQL again (a revocation elsewhere shows within it). */
const KEY_CACHE_MS = 1000;

/**
 * Key checks: a key this node checked less than KEY_CACHE_MS ago is taken from memory; the node that revokes
 * a key forgets it at once (`forgetApiKey`), other nodes within KEY_CACHE_MS. Unknown and revoked keys are
 * never remembered. Other checks are batched: those that arrive while one is in flight go together in the
 * next statement (one lookup of every secret hash in the batch), each answered by a statement that started
 * after it was asked.
 */
interface KeyChecks {
  lookup: GroupCommit<string, KeyRow | undefined>;
  known: Map<string, { row: KeyRow; until: number }>;
  /** Bumped by every forget: a lookup that was in flight meanwhile is not remembered. */
  generation: number;
}

const MAX_KNOWN_KEYS = 10_000;
const keyChecks = new WeakMap<AppContext, KeyChecks>();

function checksOf(app: AppContext): KeyChecks {
  let checks = keyChecks.get(app);
  if (!checks) {
    const lookup = new GroupCommit<string, KeyRow | undefined>(
      async (hashes) => {
        // Across tenants: a request learns its tenant from its key (a platform-scope lookup by the unique hash).
        const rows = await platformSql<KeyRow & { secret_hash: string }>(
          app.orm,
          'select id, tenant_id, name, role, secret_hash from api_key where secret_hash in (select jsonb_array_elements_text(?::jsonb)) and revoked_at is null',
          [JSON.stringify([...new Set(hashes)])],
        );
        const byHash = new Map(rows.map(({ secret_hash: hash, ...row }) => [hash, row]));
        return hashes.map((hash) => byHash.get(hash));
      },
      { maxInFlight: 2, maxBatch: 500, maxWaiting: 20_000 },
    );
    checks = { lookup, known: new Map(), generation: 0 };
    keyChecks.set(app, checks);
  }
  return checks;
}

async function findKey(app: AppContext, hash: string): Promise<KeyRow | undefined> {
  const checks = checksOf(app);
  const now = performance.now();
  const known = checks.known.get(hash);
  if (known && known.until > now) return known.row;
  const generation = checks.generation;
  const row = await checks.lookup.submit(hash);
  if (!row) {
    checks.known.delete(hash);
    return undefined;
  }
  if (generation === checks.generation) {
    if (checks.known.size >= MAX_KNOWN_KEYS) checks.known.clear();
    checks.known.set(hash, { row, until: now + KEY_CACHE_MS });
  }
  return row;
}

/** After a key is revoked: this node stops accepting it at once. */
export function forgetApiKey(app: AppContext, keyId: string): void {
  const checks = keyChecks.get(app);
  if (!checks) return;
  checks.generation++;
  for (const [hash, { row }] of checks.known) if (row.id === keyId) checks.known.delete(hash);
}

/** Resolves an Authorization header value to a principal; null when the key is missing, unknown or revoked. */
export async function authenticate(app: AppContext, authorization: unknown): Promise<Principal | null> {
  const secret = bearerSecret(authorization);
  if (!secret) return null;
  const adminKey = app.config.adminApiKey;
  if (adminKey !== undefined && sameSecret(secret, adminKey)) return { kind: 'admin' };
  if (!secret.startsWith(API_KEY_PREFIX)) return null;
  const key = await findKey(app, hashSecret(secret));
  if (!key) return null;
  return { kind: 'tenant', tenantId: key.tenant_id, keyId: key.id, keyName: key.name, role: key.role };
}
