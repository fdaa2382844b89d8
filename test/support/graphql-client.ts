import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { openEventStreams } from '../../src/api/event-stream';
import type { RunningServer } from '../../src/server';
import { ADMIN_KEY, uniqueName, waitFor } from './harness';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

/** A GraphQL client over real HTTP, with one bearer key (or none). */
export function graphqlClient(server: RunningServer, key?: string) {
  const url = `http://127.0.0.1:${server.apiPort}/graphql`;
  async function request<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  }
  return {
    request,
    /** The data of a request that must succeed. */
    async data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const result = await request<T>(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    /** The error code of a request that must fail. */
    async errorCode(query: string, variables?: Record<string, unknown>): Promise<string | undefined> {
      const result = await request(query, variables);
      return result.errors?.[0]?.extensions?.code;
    },
  };
}

export type GraphQLClient = ReturnType<typeof graphqlClient>;

/** A real graphql-ws client (over `ws`) authenticated with a key in connectionParams. */
export function wsClient(server: RunningServer, key?: string): Client {
  return createClient({
    url: `ws://127.0.0.1:${server.apiPort}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

export interface Subscription<T = any> {
  events: T[];
  errors: any[];
  completed: boolean;
  /** Waits until at least `count` events arrived. */
  received(count: number): Promise<T[]>;
  stop(): void;
}

/** Starts a subscription and collects what it yields. */
export function subscribe<T = any>(client: Client, query: string, variables?: Record<string, unknown>): Subscription<T> {
  const state: Subscription<T> = {
    events: [],
    errors: [],
    completed: false,
    received: (count) => waitFor(() => (state.events.length >= count ? state.events : undefined), 8000),
    stop: () => undefined,
  };
  state.stop = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) state.errors.push(...result.errors);
        else state.events.push(result.data as T);
      },
      error: (error) => state.errors.push(error),
      complete: () => (state.completed = true),
    },
  );
  return state;
}

/** Waits until a tenant has `count` open subscriptions on the server, so events made next reach them. */
export function subscriptionsOpen(tenantId: string, count: number): Promise<number> {
  return waitFor(() => openEventStreams(tenantId) >= count && openEventStreams(tenantId), 8000);
}

/** A tenant made through the admin API, with a client for its OWNER key and a way to add keys. */
export async function apiTenant(server: RunningServer) {
  const admin = graphqlClient(server, ADMIN_KEY);
  const slug = uniqueName('t');
  const { createTenant } = await admin.data(
    `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id slug } apiKey } }`,
    { input: { slug, name: slug } },
  );
  const owner = graphqlClient(server, createTenant.apiKey);
  return {
    tenantId: createTenant.tenant.id as string,
    slug,
    ownerKey: createTenant.apiKey as string,
    owner,
    async keyFor(role: 'OWNER' | 'OPERATOR' | 'VIEWER'): Promise<string> {
      const { createApiKey } = await owner.data(`mutation($role: Role!) { createApiKey(input: { name: "k", role: $role }) { secret } }`, { role });
      return createApiKey.secret;
    },
    async chargePoint(id: string, password?: string) {
      await owner.data(`mutation($id: ID!, $password: String) { createChargePoint(input: { id: $id, password: $password }) { chargePoint { id } } }`, { id, password });
    },
  };
}
