/**
 * The GraphQL IDE (GraphiQL served by QCharge at GET /graphql) driven in headless Chromium: Debian's
 * `chromium` package at /usr/bin/chromium through playwright-core. No Chromium is a failure, not a skip
 * (.ci/run installs it when missing).
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { apiTenant, subscriptionsOpen } from './support/graphql-client';
import { connectChargePoint, startTestServer } from './support/harness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildGraphiql } = require('../scripts/build-graphiql.js') as { buildGraphiql(): Promise<void> };

jest.setTimeout(60_000);

const CHROMIUM = '/usr/bin/chromium';
// The page.evaluate/waitForFunction callbacks run inside the browser page, where these globals exist.
declare const document: { querySelector(selector: string): { textContent: string | null } | null };
declare const localStorage: { getItem(key: string): string | null };

let server: RunningServer;
let tenant: Awaited<ReturnType<typeof apiTenant>>;
let browser: Browser;
const chargers: RPCClient[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  // `npm test` does not run `npm run build`: the bundle the server serves is made here.
  await buildGraphiql();
  server = await startTestServer();
  tenant = await apiTenant(server);
  await tenant.chargePoint('CP-IDE-1');
  await tenant.chargePoint('CP-IDE-2');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await Promise.all(chargers.map((cp) => cp.close({ force: true })));
  await browser?.close();
  await server?.stop();
});

function url(path: string): string {
  return `http://127.0.0.1:${server.apiPort}${path}`;
}

/** Replaces the text of GraphiQL's query editor (CodeMirror 5) and runs it with the execute button. */
async function run(page: Page, query: string): Promise<void> {
  await page.evaluate((text) => {
    const editor = document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as { CodeMirror: { setValue(v: string): void } };
    editor.CodeMirror.setValue(text);
  }, query);
  await page.click('.graphiql-execute-button');
}

function resultText(page: Page): Promise<string> {
  return page.locator('.graphiql-response').innerText();
}

/** Types a key into the page's key field and waits for GraphiQL to come back with it. */
async function useKey(page: Page, key: string): Promise<void> {
  await page.fill('#qcharge-api-key', key);
  await page.click('#qcharge-api-key-save');
  await page.waitForSelector('.graphiql-query-editor .CodeMirror');
}

describe('GET /graphql', () => {
  it('serves the IDE page to a browser, with its own bundle and no outside URL', async () => {
    const page = await fetch(url('/graphql'), { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(url('/graphql/ide/graphiql.js'));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await fetch(url('/graphql/ide/graphiql.css'))).status).toBe(200);
    expect((await fetch(url('/graphql/ide/../../package.json'))).status).toBe(404);
  });

  it('still answers GraphQL over GET and POST', async () => {
    const get = await fetch(url('/graphql?query=%7B__typename%7D'), { headers: { accept: 'application/json', 'apollo-require-preflight': '1' } });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const post = await fetch(url('/graphql'), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/html, application/json' }, body: '{"query":"{ __typename }"}' });
    expect(await post.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('is off with GRAPHQL_IDE=false: a browser GET behaves as before', async () => {
    const plain = await startTestServer({ GRAPHQL_IDE: 'false' });
    try {
      const page = await fetch(`http://127.0.0.1:${plain.apiPort}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
      expect(page.status).toBe(400);
      expect((await fetch(`http://127.0.0.1:${plain.apiPort}/graphql/ide/graphiql.js`)).status).not.toBe(200);
    } finally {
      await plain.stop();
    }
  });
});

// One page for the whole story (the bundle takes a while to start on a busy machine): a key change
// remounts GraphiQL in place.
describe('GraphiQL in Chromium', () => {
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(url('/graphql'));
    await page.waitForSelector('.graphiql-query-editor .CodeMirror');
  });

  afterAll(async () => {
    await page?.close();
    expect(pageErrors).toEqual([]);
  });

  it('without a key a query is refused', async () => {
    await run(page, '{ chargePoints(first: 1) { edges { node { id } } } }');
    await page.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('UNAUTHENTICATED'));
  });

  it('runs a query with the key entered in the page, keeps the key, and shows the docs from the schema', async () => {
    await useKey(page, tenant.ownerKey);
    expect(await page.evaluate(() => localStorage.getItem('qcharge.apiKey'))).toBe(tenant.ownerKey);
    await run(page, '{ chargePoints(first: 10) { edges { node { id connected } } } }');
    await page.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('CP-IDE-2'));
    const result = await resultText(page);
    expect(result).toContain('CP-IDE-1');
    expect(result).not.toContain('UNAUTHENTICATED');

    await page.click('[aria-label="Show Documentation Explorer"]');
    await page.locator('.graphiql-doc-explorer').getByText('Mutation').first().waitFor();
  });

  it('shows a subscription event over graphql-ws when a charger connects', async () => {
    await run(page, 'subscription { chargePointConnectionChanged { chargePointId connected } }');
    await subscriptionsOpen(tenant.tenantId, 1);
    chargers.push(await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-IDE-1' }));
    await page.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('CP-IDE-1'));
    expect(await resultText(page)).toMatch(/"connected":\s*true/);
  });
});
