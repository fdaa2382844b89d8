import type { IncomingMessage } from 'node:http';
import type { Orm } from '../platform/db';
import { platformEm, tenantEm } from '../platform/db';
import { Tenant } from '../modules/tenant/tenant.entity';
import { ChargePoint } from '../modules/charge-point/charge-point.entity';
import { verifyPassword } from '../modules/charge-point/password';

export const OCPP_SUBPROTOCOL = 'ocpp1.6';
const PATH = /^\/ocpp\/([^/]+)\/([^/]+)\/?$/;

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
export async function authenticateUpgrade(orm: Orm, req: IncomingMessage): Promise<ChargePointIdentity> {
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
  const tenant = await platformEm(orm).findOne(Tenant, { slug });
  if (!tenant) throw new UpgradeRefused(404, 'Unknown charge point');
  const chargePoint = await tenantEm(orm, tenant.id).findOne(ChargePoint, { identity: chargePointId });
  if (!chargePoint) throw new UpgradeRefused(404, 'Unknown charge point');
  if (chargePoint.passwordHash) {
    const credentials = basicCredentials(req);
    if (!credentials || credentials.user !== chargePointId || !(await verifyPassword(credentials.password, chargePoint.passwordHash))) {
      throw new UpgradeRefused(401, 'Invalid credentials');
    }
  }
  return { tenantId: tenant.id, tenantSlug: tenant.slug, chargePointId, registrationStatus: chargePoint.registrationStatus };
}
