/** Creates the simulator's charge points and id tags through the public GraphQL API (idempotent). */
async function graphql(apiUrl: string, apiKey: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${apiUrl.replace(/\/$/, '')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query, variables }),
  });
  if (res.status === 404) throw new Error(`${apiUrl}/graphql answers 404: is the api role running?`);
  const body = (await res.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
  const errors = (body.errors ?? []).filter((e) => e.extensions?.code !== 'CONFLICT');
  if (errors.length) throw new Error(`GraphQL: ${errors.map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ')}`);
}

export async function createViaApi(apiUrl: string, apiKey: string, chargers: Array<{ id: string; password?: string }>, idTags: string[]): Promise<void> {
  const createChargePoint = 'mutation($input: CreateChargePointInput!) { createChargePoint(input: $input) { chargePoint { id } } }';
  const upsertIdTag = 'mutation($input: UpsertIdTagInput!) { upsertIdTag(input: $input) { idTag { idTag } } }';
  // A few at a time: creating a charge point with a password costs the server a scrypt.
  for (let i = 0; i < chargers.length; i += 20) {
    await Promise.all(chargers.slice(i, i + 20).map(({ id, password }) => graphql(apiUrl, apiKey, createChargePoint, { input: { id, ...(password ? { password } : {}) } })));
  }
  for (const idTag of idTags) await graphql(apiUrl, apiKey, upsertIdTag, { input: { idTag, status: 'Accepted' } });
}
