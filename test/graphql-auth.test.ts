import type { RunningServer } from '../src/server';
import { graphqlClient, wsClient, subscribe, type GraphQLClient } from './support/graphql-client';
import { ADMIN_KEY, startTestServer, uniqueName, waitFor } from './support/harness';

let server: RunningServer;
let admin: GraphQLClient;

const CREATE_TENANT = `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id slug name createdAt } apiKey } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id name role createdAt revokedAt } secret } }`;

async function newTenant() {
  const slug = uniqueName('t');
  const { createTenant } = await admin.data(CREATE_TENANT, { input: { slug, name: `Tenant ${slug}` } });
  const owner = graphqlClient(server, createTenant.apiKey);
  const key = async (role: string) => (await owner.data(CREATE_KEY, { input: { name: role.toLowerCase(), role } })).createApiKey;
  return { tenant: createTenant.tenant, ownerKey: createTenant.apiKey as string, owner, key };
}

beforeAll(async () => {
  server = await startTestServer();
  admin = graphqlClient(server, ADMIN_KEY);
});

afterAll(async () => {
  await server.stop();
});

describe('keys and roles', () => {
  it('lets the admin key create and list tenants, and nothing else', async () => {
    const { tenant, ownerKey } = await newTenant();
    expect(ownerKey).toMatch(/^qck_/);
    const { tenants } = await admin.data(`{ tenants { edges { node { id slug } } } }`);
    expect(tenants.edges.map((e: any) => e.node).map((t: any) => t.id)).toContain(tenant.id);
    expect(await admin.errorCode(`{ me { id } }`)).toBe('FORBIDDEN');
    expect(await admin.errorCode(`{ chargePoints { totalCount } }`)).toBe('FORBIDDEN');
    expect(await admin.errorCode(`mutation { createApiKey(input: { name: "x", role: OWNER }) { secret } }`)).toBe('FORBIDDEN');
    expect(await admin.errorCode(`mutation { reset(input: { chargePointId: "CP", type: Soft }) { status } }`)).toBe('FORBIDDEN');
  });

  it('refuses admin operations to tenant keys and a taken slug with CONFLICT', async () => {
    const { tenant, owner } = await newTenant();
    expect(await owner.errorCode(`{ tenants { edges { node { id } } } }`)).toBe('FORBIDDEN');
    expect(await owner.errorCode(CREATE_TENANT, { input: { slug: uniqueName('x'), name: 'x' } })).toBe('FORBIDDEN');
    expect(await admin.errorCode(CREATE_TENANT, { input: { slug: tenant.slug, name: 'again' } })).toBe('CONFLICT');
    expect(await admin.errorCode(CREATE_TENANT, { input: { slug: 'Not A Slug', name: 'x' } })).toBe('BAD_USER_INPUT');
    expect(await admin.errorCode(CREATE_TENANT, { input: { slug: 'a/b', name: 'x' } })).toBe('BAD_USER_INPUT');
    // Underscores, dots and capitals are fine in a slug (it is matched exactly in charge point URLs).
    const slug = `Site_${uniqueName('a')}.x`;
    const { createTenant } = await admin.data(CREATE_TENANT, { input: { slug, name: 'x' } });
    expect(createTenant.tenant.slug).toBe(slug);
  });

  it('answers UNAUTHENTICATED for a missing, unknown or revoked key', async () => {
    const { owner, key } = await newTenant();
    expect(await graphqlClient(server).errorCode(`{ me { id } }`)).toBe('UNAUTHENTICATED');
    expect(await graphqlClient(server, 'qck_unknown').errorCode(`{ me { id } }`)).toBe('UNAUTHENTICATED');
    expect(await graphqlClient(server, 'not-even-a-key').errorCode(`{ tenants { edges { node { id } } } }`)).toBe('UNAUTHENTICATED');
    const viewer = await key('VIEWER');
    const viewerClient = graphqlClient(server, viewer.secret);
    expect((await viewerClient.data(`{ me { slug } }`)).me.slug).toBeDefined();
    const { revokeApiKey } = await owner.data(`mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id revokedAt } } }`, { id: viewer.apiKey.id });
    expect(revokeApiKey.apiKey.revokedAt).not.toBeNull();
    expect(await viewerClient.errorCode(`{ me { slug } }`)).toBe('UNAUTHENTICATED');
    expect(await owner.errorCode(`mutation { revokeApiKey(input: { id: "nope" }) { apiKey { id } } }`)).toBe('NOT_FOUND');
  });

  it('gives each role its operations', async () => {
    const { owner, key } = await newTenant();
    const operator = graphqlClient(server, (await key('OPERATOR')).secret);
    const viewer = graphqlClient(server, (await key('VIEWER')).secret);

    // OWNER: keys.
    expect((await owner.data(`{ apiKeys { edges { node { name role } } } }`)).apiKeys.edges.map((e: any) => e.node).map((k: any) => k.role).sort()).toEqual(['OPERATOR', 'OWNER', 'VIEWER']);
    expect(await operator.errorCode(`{ apiKeys { edges { node { id } } } }`)).toBe('FORBIDDEN');
    expect(await operator.errorCode(CREATE_KEY, { input: { name: 'x', role: 'OWNER' } })).toBe('FORBIDDEN');
    expect(await viewer.errorCode(CREATE_KEY, { input: { name: 'x', role: 'VIEWER' } })).toBe('FORBIDDEN');

    // OPERATOR: charge points and id tags.
    await operator.data(`mutation { createChargePoint(input: { id: "CP-ROLE" }) { chargePoint { id registrationStatus } } }`);
    await operator.data(`mutation { updateChargePoint(input: { id: "CP-ROLE", registrationStatus: Pending }) { chargePoint { id } } }`);
    await operator.data(`mutation { upsertIdTag(input: { idTag: "TAG-1" }) { idTag { idTag status } } }`);
    // VIEWER: reads only.
    const { chargePoint } = await viewer.data(`{ chargePoint(id: "CP-ROLE") { id registrationStatus connected } }`);
    expect(chargePoint).toEqual({ id: 'CP-ROLE', registrationStatus: 'Pending', connected: false });
    expect((await viewer.data(`{ idTags { edges { node { idTag } } } }`)).idTags.edges.map((e: any) => e.node)).toEqual([{ idTag: 'TAG-1' }]);
    for (const mutation of [
      `mutation { createChargePoint(input: { id: "CP-V" }) { chargePoint { id } } }`,
      `mutation { deleteChargePoint(input: { id: "CP-ROLE" }) { deleted } }`,
      `mutation { upsertIdTag(input: { idTag: "TAG-2" }) { idTag { idTag } } }`,
      `mutation { deleteIdTag(input: { idTag: "TAG-1" }) { deleted } }`,
      `mutation { reset(input: { chargePointId: "CP-ROLE", type: Soft }) { status } }`,
      `mutation { rotateChargePointPassword(input: { chargePointId: "CP-ROLE" }) { status } }`,
    ]) {
      expect(await viewer.errorCode(mutation)).toBe('FORBIDDEN');
    }
    await operator.data(`mutation { deleteChargePoint(input: { id: "CP-ROLE" }) { deleted } }`);
    expect(await viewer.errorCode(`{ chargePoint(id: "CP-ROLE") { id } }`)).toBe('NOT_FOUND');
  });

  it('authenticates subscriptions from connectionParams; the admin key cannot subscribe', async () => {
    const anonymous = wsClient(server);
    const refused = subscribe(anonymous, `subscription { commandUpdated { id } }`);
    await waitFor(() => refused.errors.length > 0);
    await anonymous.dispose();

    const adminWs = wsClient(server, ADMIN_KEY);
    const adminSub = subscribe(adminWs, `subscription { commandUpdated { id } }`);
    await waitFor(() => adminSub.errors.length > 0);
    expect(adminSub.errors[0].extensions.code).toBe('FORBIDDEN');
    await adminWs.dispose();
  });
});
