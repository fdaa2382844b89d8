import type { RunningServer } from '../src/server';
import { Lexer, Source, TokenKind, buildSchema, parse, validate } from 'graphql';
import { MAX_ALIASES, MAX_DEPTH, MAX_TOKENS, pageSize, validationRules } from '../src/api/limits';
import { apiTenant, graphqlClient, subscribe, wsClient } from './support/graphql-client';
import { startTestServer, waitFor } from './support/harness';

/**
 * Bad input at the API: limits, field validation and what error answers may contain. test/graphql-schema
 * already checks parse/validation errors, alias and page caps on chargePoints/commands, DateTime parsing on
 * upsertIdTag and introspection off over HTTP; this file adds the rest and checks every answer it gets for
 * internal details.
 */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof apiTenant>>;
const answers: Array<{ request: string; body: string }> = [];

/** Sends a request and returns its first error code; every answer is kept for the leak check at the end. */
async function code(query: string, variables?: Record<string, unknown>, key = tenant.ownerKey): Promise<string | undefined> {
  const result = await graphqlClient(server, key).request(query, variables);
  answers.push({ request: query.slice(0, 80), body: JSON.stringify(result) });
  return result.errors?.[0]?.extensions?.code;
}

async function message(query: string, variables?: Record<string, unknown>): Promise<string> {
  const result = await graphqlClient(server, tenant.ownerKey).request(query, variables);
  answers.push({ request: query.slice(0, 80), body: JSON.stringify(result) });
  return result.errors?.[0]?.message ?? '';
}

beforeAll(async () => {
  server = await startTestServer();
  tenant = await apiTenant(server);
  await tenant.chargePoint('CP-INPUT');
});

afterAll(async () => {
  await server.stop();
});

describe('limits', () => {
  it('refuses a query nested past the depth limit, with a message that says so', async () => {
    // Today's schema has no cycles (its deepest query is 5 levels), so the depth rule is checked on a schema
    // that has one, with the same rules the server uses.
    const cyclic = buildSchema(`type Query { node: Node } type Node { id: ID child: Node }`);
    const deep = (levels: number) => `{ node { ${'child { '.repeat(levels)}id${' }'.repeat(levels)} } }`;
    expect(validate(cyclic, parse(deep(MAX_DEPTH - 3)), validationRules({ introspection: true }))).toEqual([]);
    const errors = validate(cyclic, parse(deep(MAX_DEPTH + 2)), validationRules({ introspection: true }));
    expect(errors.map((e) => e.message).join()).toMatch(/depth/i);
    // Introspection types do cycle; graphql-js's MaxIntrospectionDepthRule (a specified rule) refuses this.
    const nested = `{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`;
    expect(await code(nested)).toBe('BAD_USER_INPUT');
    expect(await message(nested)).toMatch(/introspection depth/i);
    expect(await code(`{ chargePoints { edges { node { connectors { connectorId } } } } }`)).toBeUndefined();
  });

  it('refuses too many aliases and too costly a query', async () => {
    const aliases = Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `a${i}: me { id }`).join(' ');
    expect(await message(`{ ${aliases} }`)).toMatch(/alias/i);
    const wide = `chargePoints(first: 200) { edges { node { id connected registrationStatus vendor model serialNumber firmwareVersion iccid imsi lastHeartbeatAt lastSeenAt firmwareStatus diagnosticsStatus localListVersion connectors { connectorId status errorCode info vendorErrorCode updatedAt } configuration { key value readonly } } } }`;
    const costly = `{ ${Array.from({ length: MAX_ALIASES }, (_, i) => `c${i}: ${wide}`).join(' ')} }`;
    expect(await code(costly)).toBe('BAD_USER_INPUT');
    expect(await message(costly)).toMatch(/^Query Cost limit of \d+ exceeded/);
  });

  it('stops parsing a document past the token cap, before any key is checked, over HTTP and graphql-ws', async () => {
    // Parsing and validating cost time in proportion to tokens and run before the access gate: without a cap
    // anyone could hold the event loop with one long, valid document (a list literal of any length here).
    const tokens = (query: string) => {
      const lexer = new Lexer(new Source(query));
      let count = 0;
      while (lexer.advance().kind !== TokenKind.EOF) count++;
      return count;
    };
    // Short list items, so a document at the cap stays within graphql-ws's 256 KiB message.
    const listing = (keys: number) => `mutation { getConfiguration(input: { chargePointId: "CP-1", key: [${'"k" '.repeat(keys)}] }) { status: __typename } }`;
    const within = listing(MAX_TOKENS - tokens(listing(0)));
    const over = listing(MAX_TOKENS - tokens(listing(0)) + 1);
    expect(tokens(within)).toBe(MAX_TOKENS);
    const anonymous = graphqlClient(server);
    expect((await anonymous.request(within)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const refused = await anonymous.request(over);
    answers.push({ request: 'over the token cap', body: JSON.stringify(refused) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(new RegExp(`more tha.? ${MAX_TOKENS} tokens`));
    const ws = wsClient(server);
    try {
      const answered = subscribe(ws, within);
      await waitFor(() => answered.errors.length > 0 || answered.completed);
      expect(answered.errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // A syntax error is the operation's error, as over HTTP; the connection stays open for the next one.
      const cut = subscribe(ws, over);
      await waitFor(() => cut.errors.length > 0 || cut.events.length > 0 || cut.completed);
      expect(cut.events).toEqual([]);
      // graphql-ws hands an operation's refusal to the sink as the array of its errors.
      const [refusal] = cut.errors.flat();
      expect(refusal?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refusal?.message).toMatch(new RegExp(`more tha.? ${MAX_TOKENS} tokens`));
      const next = subscribe(ws, within);
      await waitFor(() => next.errors.length > 0 || next.completed);
      expect(next.errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await ws.dispose();
    }
  });

  it('lets full pages of the contract fields through', async () => {
    const transactions = `{ transactions(first: 200) { totalCount edges { node { id chargePointId connectorId idTag startTimestamp stopTimestamp meterStart meterStop energyWh stopReason reservationId meterValues { timestamp sampledValue { value context format measurand phase location unit } } } } pageInfo { hasNextPage endCursor } } }`;
    expect(await message(transactions)).toBe('');
    const chargePoints = `{ chargePoints(first: 200) { edges { node { id connected registrationStatus vendor model serialNumber firmwareVersion iccid imsi lastHeartbeatAt lastSeenAt firmwareStatus diagnosticsStatus localListVersion connectors { connectorId status errorCode info vendorErrorCode updatedAt } configuration { key value readonly } } } pageInfo { hasNextPage endCursor } } }`;
    expect(await message(chargePoints)).toBe('');
  });

  it('caps page sizes and refuses negative ones', async () => {
    expect(await code(`{ chargePoints(first: -1) { totalCount } }`)).toBe('BAD_USER_INPUT');
    expect(await code(`{ transactions(first: -5) { totalCount } }`)).toBe('BAD_USER_INPUT');
    // Too large a page is cut to the cap (Relay allows fewer; hasNextPage says whether more follow).
    expect(await code(`{ transactions(first: 1000) { totalCount } }`)).toBeUndefined();
    expect(pageSize(100000, 50, 200)).toBe(200);
    expect(pageSize(undefined, 50, 200)).toBe(50);
    expect(await code(`{ commands(first: -1) { edges { node { id } } } }`)).toBe('BAD_USER_INPUT');
    expect(await code(`{ transactions(first: 0) { totalCount } }`)).toBeUndefined();
    expect(await code(`{ transaction(id: 99999999999) { id } }`)).toBe('BAD_USER_INPUT');
  });

  it('refuses an oversized or malformed HTTP body without details', async () => {
    const url = `http://127.0.0.1:${server.apiPort}/graphql`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${tenant.ownerKey}` };
    const big = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: `{ me { id } }`, padding: 'x'.repeat(2 * 1024 * 1024) }) }).catch(() => undefined);
    if (big) expect(big.status).toBe(413);
    const broken = await fetch(url, { method: 'POST', headers, body: '{"query": ' });
    expect(broken.status).toBe(400);
    answers.push({ request: 'broken JSON', body: await broken.text() });
  });
});

describe('field validation', () => {
  it('answers BAD_USER_INPUT for bad DateTimes, enums, lengths and ids', async () => {
    const cases: Array<[string, string, Record<string, unknown>?]> = [
      ['bad DateTime', `mutation { reserveNow(input: { chargePointId: "CP-INPUT", connectorId: 1, expiryDate: "next week", idTag: "T" }) { status } }`],
      ['bad DateTime variable', `mutation($at: DateTime) { reset(input: { chargePointId: "CP-INPUT", type: Soft, schedule: { at: $at } }) { status } }`, { at: '2030-13-01T00:00:00Z' }],
      ['bad enum', `mutation { reset(input: { chargePointId: "CP-INPUT", type: Medium }) { status } }`],
      ['bad enum variable', `mutation($t: ResetType!) { reset(input: { chargePointId: "CP-INPUT", type: $t }) { status } }`, { t: 'hard' }],
      ['too-long idTag (id tags)', `mutation { upsertIdTag(input: { idTag: "${'X'.repeat(21)}" }) { idTag { idTag } } }`],
      ['too-long idTag (OCPP request)', `mutation { remoteStartTransaction(input: { chargePointId: "CP-INPUT", idTag: "${'X'.repeat(21)}" }) { status } }`],
      ['non-printable idTag', `mutation { upsertIdTag(input: { idTag: "A\\u0000B" }) { idTag { idTag } } }`],
      ['too-long parentIdTag', `mutation { upsertIdTag(input: { idTag: "P", parentIdTag: "${'Y'.repeat(21)}" }) { idTag { idTag } } }`],
      ['bad charge point id', `mutation { createChargePoint(input: { id: "has space/and slash" }) { chargePoint { id } } }`],
      ['too-long charge point id', `mutation { createChargePoint(input: { id: "${'C'.repeat(49)}" }) { chargePoint { id } } }`],
      ['too-long configuration key', `mutation { changeConfiguration(input: { chargePointId: "CP-INPUT", key: "${'K'.repeat(51)}", value: "1" }) { status } }`],
      ['wrong type', `mutation { unlockConnector(input: { chargePointId: "CP-INPUT", connectorId: "one" }) { status } }`],
      ['missing field', `mutation { reset(input: { chargePointId: "CP-INPUT" }) { status } }`],
      ['too-long key name', `mutation { createApiKey(input: { name: "${'n'.repeat(500)}", role: VIEWER }) { secret } }`],
    ];
    const wrong: string[] = [];
    for (const [name, query, variables] of cases) {
      const got = await code(query, variables);
      if (got !== 'BAD_USER_INPUT') wrong.push(`${name}: ${got}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers NOT_FOUND for unknown charge points and ids of any shape', async () => {
    expect(await code(`mutation { reset(input: { chargePointId: "NO-SUCH-CP", type: Soft }) { status } }`)).toBe('NOT_FOUND');
    expect(await code(`{ chargePoint(id: "NO-SUCH-CP") { id } }`)).toBe('NOT_FOUND');
    expect(await code(`{ chargingProfiles(chargePointId: "NO-SUCH-CP") { edges { node { chargingProfileId } } } }`)).toBe('NOT_FOUND');
    expect(await code(`{ command(id: "not-a-uuid") { id } }`)).toBe('NOT_FOUND');
    expect(await code(`{ command(id: "00000000-0000-0000-0000-000000000000") { id } }`)).toBe('NOT_FOUND');
    expect(await code(`{ transaction(id: -1) { id } }`)).toBe('NOT_FOUND');
    expect(await code(`mutation { revokeApiKey(input: { id: "' OR 1=1 --" }) { apiKey { id } } }`)).toBe('NOT_FOUND');
  });

  it('enforces the 16-byte minimum (and 40-byte maximum) charge point password on create, update and rotate', async () => {
    expect(await code(`mutation { createChargePoint(input: { id: "CP-PW-SHORT", password: "${'p'.repeat(15)}" }) { chargePoint { id } } }`)).toBe('BAD_USER_INPUT');
    expect(await code(`mutation { createChargePoint(input: { id: "CP-PW-LONG", password: "${'p'.repeat(41)}" }) { chargePoint { id } } }`)).toBe('BAD_USER_INPUT');
    expect(await code(`mutation { createChargePoint(input: { id: "CP-PW-OK", password: "${'p'.repeat(16)}" }) { chargePoint { id } } }`)).toBeUndefined();
    expect(await code(`mutation { updateChargePoint(input: { id: "CP-PW-OK", password: "short" }) { chargePoint { id } } }`)).toBe('BAD_USER_INPUT');
    expect(await code(`mutation { rotateChargePointPassword(input: { chargePointId: "CP-PW-OK", password: "short" }) { status } }`)).toBe('BAD_USER_INPUT');
  });
});

describe('what error answers contain', () => {
  it('no stack traces, SQL or source paths in any answer of this file', () => {
    expect(answers.length).toBeGreaterThan(30);
    const leaks = answers.filter(({ body }) => /\bat \S+ \(|\bat .*:\d+:\d+|\.ts:\d+|\.js:\d+|\bselect\b.*\bfrom\b|insert into|update .* set |stacktrace|node_modules/i.test(body));
    expect(leaks).toEqual([]);
  });
});

describe('production settings', () => {
  it('with GRAPHQL_INTROSPECTION=false: no introspection over HTTP or WebSocket, no landing page', async () => {
    const closed = await startTestServer({ GRAPHQL_INTROSPECTION: 'false' });
    try {
      const owner = await apiTenant(closed);
      expect(await owner.owner.errorCode(`{ __type(name: "Query") { name } }`)).toBe('BAD_USER_INPUT');
      expect(await owner.owner.errorCode(`{ __schema { types { name } } }`)).toBe('BAD_USER_INPUT');
      // __typename is not introspection and keeps working.
      expect((await owner.owner.data(`{ me { __typename } }`)).me.__typename).toBe('Tenant');
      const ws = wsClient(closed, owner.ownerKey);
      const sub = subscribe(ws, `query { __schema { queryType { name } } }`);
      await waitFor(() => sub.errors.length > 0 || sub.events.length > 0 || sub.completed);
      expect(sub.events).toEqual([]);
      expect(sub.errors.length).toBeGreaterThan(0);
      await ws.dispose();
      const page = await fetch(`http://127.0.0.1:${closed.apiPort}/graphql`, { headers: { accept: 'text/html' } });
      const html = await page.text();
      expect(html).not.toMatch(/sandbox|apollo-server-landing-page|embeddable/i);
    } finally {
      await closed.stop();
    }
  });
});
