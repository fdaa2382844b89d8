import type { IncomingMessage } from 'node:http';
import type { Orm } from '../platform/db';
import { sqlRows } from '../platform/db';
import type { ChargePoint } from '../modules/charge-point/charge-point.entity';
import { verifyPassword } from '../modules/charge-point/password';
import { AuthFailureLimiter } from './auth-limiter';

export const OCPP_SUBPROTOCOL = 'ocpp1.6';
const PATH = /^\/ocpp\/([^/]+)\/([^/]+)\/?$/;

/**
 * Failed logins per client address and per charge point, counted per minute; past the limit, 429 until the
 * minute is over, whatever the password (else a blocked guesser would still learn which guess was right).
 * The address limit is the higher one: many charge points share an address behind NAT, and one with a
 * stale password must not lock out the others.
 */
export class LoginFailureLimits {
  readonly byAddress: AuthFailureLimiter;
  readonly byChargePoint: AuthFailureLimiter;

  constructor(limits: { perAddress: number; perChargePoint: number }, windowMs = 60_000) {
    this.byAddress = new AuthFailureLimiter(limits.perAddress, windowMs);
    this.byChargePoint = new AuthFailureLimiter(limits.perChargePoint, windowMs);
  }
}

export interface ChargePointIdentity {
  tenantId: string;
  tenantSlug: string;
  chargePointId: string;
  registrationStatus: ChargePoint['registrationStatus'];
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
 * Tenancy point 1: the upgrade resolves `{ tenantId, chargePointId }` once, from the URL and HTTP Basic
 * credentials, before a WebSocket exists.
 */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || 'unknown';
}

export async function authenticateUpgrade(orm: Orm, req: IncomingMessage, options: { trustProxy?: boolean; failures: LoginFailureLimits }): Promise<ChargePointIdentity> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = PATH.exec(url.pathname);
  if (!match) throw new UpgradeRefused(404, 'Unknown path');
  let slug: string;
  let chargePointId: string;
  try {
    slug = decodeURIComponent(match[1]);
    chargePointId = decodeURIComponent(match[2]);
  } catch {
    throw new UpgradeRefused(400, 'Bad path encoding');
  }
  if (!offeredProtocols(req).includes(OCPP_SUBPROTOCOL)) throw new UpgradeRefused(400, 'Subprotocol ocpp1.6 is required');
  const chargePoint = await findChargePoint(orm, slug, chargePointId);
  if (!chargePoint) throw new UpgradeRefused(404, 'Unknown charge point');
  const tenantId = chargePoint.tenant_id;
  if (chargePoint.password_hash) {
    const address = `ip:${clientAddress(req, options.trustProxy ?? false)}`;
    const target = `cp:${tenantId}:${chargePointId}`;
    const { byAddress, byChargePoint } = options.failures;
    if (byAddress.isBlocked(address) || byChargePoint.isBlocked(target)) {
      throw new UpgradeRefused(429, 'Too many failed logins; try again later');
    }
    const credentials = basicCredentials(req);
    if (!credentials || credentials.user !== chargePointId || !(await verifyPassword(credentials.password, chargePoint.password_hash))) {
      // A handshake without credentials is how most clients learn that auth is needed: not a guess.
      if (credentials) {
        byAddress.recordFailure(address);
        byChargePoint.recordFailure(target);
      }
      throw new UpgradeRefused(401, 'Invalid credentials');
    }
  }
  return { tenantId, tenantSlug: slug, chargePointId, registrationStatus: chargePoint.registration_status };
}

interface UpgradeRow {
  tenant_id: string;
  password_hash: string | null;
  registration_status: ChargePoint['registrationStatus'];
}

/**
 * One statement per handshake (a reconnect storm is thousands of them): the tenant comes from the slug
 * in the same join that finds the charge point, so the tenant id is the one the slug names.
 */
async function findChargePoint(orm: Orm, slug: string, identity: string): Promise<UpgradeRow | undefined> {
  const rows = await sqlRows<UpgradeRow>(
    orm,
    `select c.tenant_id, c.password_hash, c.registration_status
       from tenant t join charge_point c on c.tenant_id = t.id
      where t.slug = ? and c.identity = ?`,
    [slug, identity],
  );
  return rows[0];
}
