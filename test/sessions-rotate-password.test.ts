import type { RPCClient } from './support/rpc-client';
import { deleteChargePoint } from '../src/modules/charge-point/charge-point-admin.service';
import { tenantEm } from '../src/platform/db';
import type { RunningServer } from '../src/server';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { connectChargePoint, startTestServer } from './support/harness';
import { seedTenant } from './support/seed';

/** rotateChargePointPassword shows the new password only when it is stored. */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let api: GraphQLClient;
const clients: RPCClient[] = [];

const ROTATE = `mutation($id: ID!, $password: String) { rotateChargePointPassword(input: { chargePointId: $id, password: $password }) { status password } }`;

async function station(id: string, answer: () => Promise<{ status: string }> | { status: string }): Promise<RPCClient> {
  await tenant.chargePoint(id, { password: 'initial-password-123' });
  const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: id, password: 'initial-password-123' });
  clients.push(cp);
  cp.handle('ChangeConfiguration', answer);
  await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Rotate-1' });
  return cp;
}

beforeAll(async () => {
  server = await startTestServer();
  tenant = await seedTenant(server);
  api = graphqlClient(server, tenant.ownerKey);
}, 30_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => undefined)));
  await server?.stop();
});

describe('rotateChargePointPassword', () => {
  it('returns the password when the charge point accepted it and it was stored', async () => {
    await station('CP-ROT-OK', () => ({ status: 'Accepted' }));
    const { rotateChargePointPassword } = await api.data(ROTATE, { id: 'CP-ROT-OK', password: 'rotated-password-123' });
    expect(rotateChargePointPassword).toEqual({ status: 'Accepted', password: 'rotated-password-123' });
    const again = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-ROT-OK', password: 'rotated-password-123' });
    clients.push(again);
  });

  it('returns null when the charge point refused it', async () => {
    await station('CP-ROT-NO', () => ({ status: 'Rejected' }));
    const { rotateChargePointPassword } = await api.data(ROTATE, { id: 'CP-ROT-NO' });
    expect(rotateChargePointPassword).toEqual({ status: 'Rejected', password: null });
  });

  it('returns null when an accepted password could not be stored (the charge point was deleted meanwhile)', async () => {
    await station('CP-ROT-GONE', async () => {
      await deleteChargePoint(tenantEm(server.app.orm, tenant.tenantId), 'CP-ROT-GONE');
      return { status: 'Accepted' };
    });
    const result = await api.request(ROTATE, { id: 'CP-ROT-GONE', password: 'never-stored-password' });
    expect(result.data?.rotateChargePointPassword?.password ?? null).toBeNull();
    expect(JSON.stringify(result)).not.toContain('never-stored-password');
  });
});
