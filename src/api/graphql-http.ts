import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { AppContext } from '../app-context';
import { BodyTooLargeError, readBody } from '../platform/http-replies';
import { logScope } from '../platform/logger';
import { inSpan, SpanKind } from '../platform/tracing';
import { authenticate } from './auth';
import { createContext, type GraphQLContext } from './context';

/** Largest request body accepted on POST /graphql. */
const MAX_BODY_BYTES = 1024 * 1024;

/** A caller's (or proxy's) request id when it looks like one, so logs line up across hops; else a new one. */
function requestIdOf(header: string | undefined): string {
  return header && /^[\w.:-]{1,64}$/.test(header) ? header : randomUUID();
}

/** The URL's query string as URL's `search` gives it ('' when there is none), parsed only when there is one. */
function searchOf(url: string | undefined): string {
  if (url === undefined || !url.includes('?')) return '';
  return new URL(url, 'http://localhost').search;
}

function jsonError(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] }));
}

/**
 * POST/GET /graphql on plain node http: the request is handed to Apollo's transport-neutral
 * executeHTTPGraphQLRequest, with the caller's key resolved into the GraphQL context.
 */
export function graphqlHttpHandler(app: AppContext, apollo: ApolloServer<GraphQLContext>) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const headers = new HeaderMap();
    for (const name in req.headers) {
      const value = req.headers[name];
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const method = (req.method ?? 'GET').toUpperCase();
    let body: unknown;
    if (method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, MAX_BODY_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return jsonError(res, 413, `Request body over ${MAX_BODY_BYTES} bytes`);
        throw error;
      }
      if ((headers.get('content-type') ?? '').toLowerCase().includes('json')) {
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          return jsonError(res, 400, 'Request body is not valid JSON');
        }
      } else {
        body = text;
      }
    }
    const requestId = requestIdOf(headers.get('x-request-id'));
    res.setHeader('x-request-id', requestId);
    // Every line logged while this request runs carries its id (and, once known, tenant and operation).
    const scope: Record<string, unknown> = { requestId };
    // A span per request, the parent of what it does (operationTracingPlugin names it once the operation is known).
    const span = { kind: SpanKind.SERVER, attributes: { 'qcharge.request_id': requestId } };
    const result = await logScope.run(scope, () =>
      inSpan('GraphQL', span, () => apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method, headers, search: searchOf(req.url), body },
        context: async () => {
          const principal = await authenticate(app, headers.get('authorization'));
          if (principal?.kind === 'tenant') scope.tenantId = principal.tenantId;
          return createContext(app, principal);
        },
      })),
    );
    for (const [name, value] of result.headers) res.setHeader(name, value);
    // What Apollo's cache-control plugin (disabled: the schema has no cache hints) answered every response with.
    if (!result.headers.has('cache-control')) res.setHeader('cache-control', 'no-store');
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
