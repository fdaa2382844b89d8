import type { RunningServer } from '../../src/server';
import { tenantEm } from '../../src/platform/db';
import { createTenant } from '../../src/modules/tenant/tenant.service';
import { createChargePoint } from '../../src/modules/charge-point/charge-point-admin.service';
import { IdTag, idTagKey, type IdTagStatus } from '../../src/modules/authorization/id-tag.entity';
import { uniqueName } from './harness';

/** Direct seeding through the domain services, for tests of the OCPP edge that do not exercise the API. */
export async function seedTenant(server: RunningServer) {
  const slug = uniqueName('t');
  const { tenant, secret } = await createTenant(server.app.orm, { slug, name: slug });
  const em = () => tenantEm(server.app.orm, tenant.id);
  return {
    tenantId: tenant.id,
    slug,
    ownerKey: secret,
    async chargePoint(id: string, options: { password?: string; registrationStatus?: string } = {}) {
      return createChargePoint(em(), tenant.id, { id, ...options });
    },
    async idTag(idTag: string, status: IdTagStatus = 'Accepted', extra: { expiryDate?: Date; parentIdTag?: string } = {}) {
      const e = em();
      await e.persistAndFlush(e.create(IdTag, { tenantId: tenant.id, idTag, idTagKey: idTagKey(idTag), status, ...extra }));
    },
  };
}
