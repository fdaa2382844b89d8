import type { IncomingMessage } from 'node:http';
import type { Orm } from '../platform/db';
import { platformSql } from '../platform/db';
import { GroupCommit } from '../platform/group-commit';
import { requestPath } from '../platform/http-replies';
import type { ChargePoint } from '../modules/charge-point/charge-point.entity';
import { verifyPassword } from '../modules/charge-point/password';
import type { LoginLimits } from './login-limits';

export const OCPP_SUBPROTOCOL = 'ocpp1.6';
const PATH = /^\/ocpp\/([^/]+)\/([^/]+)\/?$/;

export interface ChargePointIdentity {
  tenantId: string;
  tenantSlug: string;
  chargePointId: string;
  registrationStatus: ChargePoint['registrationStatus'];
  /** Its `compatibility` quirks as stored (quirk-repair.ts keeps the known ones), read with the credentials. */
  compatibility: unknown;
  /** The site-limit group it belongs to, if any: a new connection rebalances it. */
  siteLimitGroupId: string | null;
}

export class UpgradeRefused extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 429 | 503,
    message: string,
  ) {
    super(message);
  }
}

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return (header ?? '').split(',').map((p) => p.trim()).filter(Boolean);
}

function basicCredentials(req: IncomingMessage): { user: string; password: string } | undefined {
  const header = req.headers.authorization;
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * The client's address: the TCP peer, or behind a proxy (TRUST_PROXY) the address that proxy saw, the
 * last X-Forwarded-For entry. Earlier entries are whatever the client wrote: trusting the first would let
 * a guesser pick a new address for every guess and never reach a limit.
 */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const header = Array.isArray(forwarded) ? forwarded[forwarded.length - 1] : forwarded;
  const nearest = header?.split(',').pop()?.trim().slice(0, 64);
  return nearest || req.socket.remoteAddress || 'unknown';
}

/** Longest charge point identity OCPP allows (and the column holds); longest tenant slug. */
const MAX_IDENTITY_LENGTH = 48;
const MAX_SLUG_LENGTH = 63;
// C0 and C1 controls, NUL included: no slug or identity has them, and PostgreSQL text refuses NUL.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

function isPlausible(segment: string, maxLength: number): boolean {
  return segment.length > 0 && segment.length <= maxLength && !CONTROL_CHARACTERS.test(segment);
}

/**
 * The tenant slug and charge point id from the path, decoded; a path no charge point can have (bad
 * UTF-8, control characters, too long) is the client's error, refused with 400 before any query.
 */
function pathTarget(req: IncomingMessage): { tenantSlug: string; chargePointId: string } {
  const path = requestPath(req);
  if (path === undefined) throw new UpgradeRefused(400, 'Bad request target');
  const match = PATH.exec(path);
  if (!match) throw new UpgradeRefused(404, 'Unknown path');
  let tenantSlug: string;
  let chargePointId: string;
  try {
    // Throws on anything that is not UTF-8 (overlong forms such as %C0%80, lone surrogates).
    tenantSlug = decodeURIComponent(match[1]);
    chargePointId = decodeURIComponent(match[2]);
  } catch {
    throw new UpgradeRefused(400, 'Bad path encoding');
  }
  if (!isPlausible(tenantSlug, MAX_SLUG_LENGTH) || !isPlausible(chargePointId, MAX_IDENTITY_LENGTH)) {
    throw new UpgradeRefused(400, 'Tenant slug or charge point id is not valid');
  }
  return { tenantSlug, chargePointId };
}

/** What the security module adds to the upgrade (security-profile-gate.ts). */
export interface UpgradeSecurityHooks {
  /** The security profile check (security-profile-gate.ts): throws to refuse; true when a client certificate authenticated it. */
  checkSecurityProfile?(req: IncomingMessage, subject: { tenantId: string; chargePointId: string; securityProfile: number }): Promise<boolean>;
  /** Wrong Basic credentials (for the CSMS's security event). */
  onLoginRefused?(tenantId: string, chargePointId: string): void;
}

/**
 * Tenancy point 1: the upgrade resolves `{ tenantId, chargePointId }` once, from the URL and HTTP Basic
 * credentials, before a WebSocket exists.
 *
 * Past a login limit, 429 whatever the password (else a blocked guesser would still learn which guess was
 * right). Limits are per client address and per (address, charge point), never per charge point alone, so
 * a guesser cannot lock out the real charger; unknown charge points (404) count per address too.
 */
export async function authenticateUpgrade(
  orm: Orm,
  req: IncomingMessage,
  options: { trustProxy?: boolean; limits: LoginLimits } & UpgradeSecurityHooks,
): Promise<ChargePointIdentity> {
  const { tenantSlug: slug, chargePointId } = pathTarget(req);
  if (!offeredProtocols(req).includes(OCPP_SUBPROTOCOL)) throw new UpgradeRefused(400, 'Subprotocol ocpp1.6 is required');
  const target = { address: clientAddress(req, options.trustProxy ?? false), tenantSlug: slug, chargePointId };
  const { limits } = options;
  if (await limits.isBlocked(target)) throw new UpgradeRefused(429, 'Too many failed logins; try again later');
  const chargePoint = await findChargePoint(orm, slug, chargePointId);
  if (!chargePoint) {
    await limits.recordNotFound(target);
    throw new UpgradeRefused(404, 'Unknown charge point');
  }
  const tenantId = chargePoint.tenant_id;
  const securityProfile = chargePoint.security_profile;
  const byCertificate = (await options.checkSecurityProfile?.(req, { tenantId, chargePointId, securityProfile })) ?? false;
  if (chargePoint.password_hash && !byCertificate) {
    const credentials = basicCredentials(req);
    if (!credentials || credentials.user !== chargePointId || !(await verifyPassword(credentials.password, chargePoint.password_hash))) {
      // A handshake without credentials is how most clients learn that auth is needed: not a guess.
      if (credentials) {
        await limits.recordFailure({ ...target, tenantId });
        options.onLoginRefused?.(tenantId, chargePointId);
      }
      throw new UpgradeRefused(401, 'Invalid credentials');
    }
  }
  return {
    tenantId,
    tenantSlug: slug,
    chargePointId,
    registrationStatus: chargePoint.registration_status,
    compatibility: chargePoint.compatibility,
    siteLimitGroupId: chargePoint.site_limit_group_id,
  };
}

interface UpgradeRow {
  tenant_id: string;
  password_hash: string | null;
  registration_status: ChargePoint['registrationStatus'];
  security_profile: number;
  compatibility: unknown;
  site_limit_group_id: string | null;
}

/**
 * The charge point of a handshake, with the tenant its slug names (the tenant id is the one the slug
 * names). Before the tenant is known, so a platform-scope statement. What the connection needs later
 * (quirks, site-limit group) comes with it, so a connect reads nothing else.
 *
 * Batched: a reconnect storm is thousands of handshakes at once, and lookups that arrive while one is in
 * flight go together in the next statement. Each handshake is answered by a statement that started after
 * it arrived, so a password rotated or a charge point deleted before it is never missed. One statement in
 * flight at a time: a storm's handshakes trickle in (one accept per event-loop iteration), and with two in
 * flight each statement carried fewer of them (10,000-charger storm: 5,141 and 5,277 statements; with one, 4,392 and 2,088).
 */
const lookups = new WeakMap<Orm, GroupCommit<{ slug: string; identity: string }, UpgradeRow | undefined>>();

function findChargePoint(orm: Orm, slug: string, identity: string): Promise<UpgradeRow | undefined> {
  let lookup = lookups.get(orm);
  if (!lookup) {
    lookup = new GroupCommit(
      async (targets) => {
        const rows = await platformSql<UpgradeRow & { i: number }>(
          orm,
          `select v.i, c.tenant_id, c.password_hash, c.registration_status, c.security_profile, c.compatibility,
                  (select m.group_id from charging_group_member m where m.tenant_id = c.tenant_id and m.charge_point_id = c.identity limit 1) as site_limit_group_id
             from jsonb_to_recordset(?::jsonb) as v(i integer, slug varchar, identity varchar)
             join tenant t on t.slug = v.slug
             join charge_point c on c.tenant_id = t.id and c.identity = v.identity`,
          [JSON.stringify(targets.map((target, i) => ({ i, ...target })))],
        );
        const found: Array<UpgradeRow | undefined> = targets.map(() => undefined);
        for (const { i, ...row } of rows) found[i] = row;
        return found;
      },
      { maxInFlight: 1, maxBatch: 500, maxWaiting: 20_000 },
    );
    lookups.set(orm, lookup);
  }
  return lookup.submit({ slug, identity });
}
