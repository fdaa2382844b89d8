import { GraphQLError, getOperationAST, specifiedRules, validate, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { AppContext } from '../app-context';
import { DomainError } from '../platform/errors';
import type { HttpServer } from '../platform/http-server';
import { authenticate } from './auth';
import { graphqlOperationSeconds, operationNameLabel } from '../platform/metrics';
import { createContext } from './context';
import { KeyRevocationWatch } from './key-revocation-watch';
import { formatGraphQLError } from './errors';
import { parseDocument, validationRules } from './limits';
import { nulInVariables } from './nul-refusal';
import { boundSendBuffer, SubscriptionLimits } from './subscription-limits';

type ConnectionParams = {
  authorization?: string;
};

/** How long a connection without a valid key stays open (its operations get UNAUTHENTICATED meanwhile). */
const UNAUTHENTICATED_GRACE_MS = 10_000;

/** Largest graphql-ws message accepted. */
const MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * graphql-ws on the same path as HTTP GraphQL. The key in `connectionParams.authorization` is checked
 * for every operation (none, unknown or revoked: UNAUTHENTICATED), whose context is scoped to that key's
 * tenant before anything runs; an open connection whose key is revoked later is closed with 4403
 * (graphql-ws's Forbidden) within KEY_RECHECK_MS, ending its subscriptions.
 */
export function mountGraphqlWs(app: AppContext, http: HttpServer, schema: GraphQLSchema, options: { introspection: boolean }) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  http.mountUpgrade('/graphql', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      boundSendBuffer(ws, app.config.graphqlWsMaxBufferedBytes, app.log);
      wss.emit('connection', ws, req);
    });
  });
  const rules = [...specifiedRules, ...validationRules(options)];
  // A refusal of the operation itself (no path: onSubscribe's, e.g. the subscription caps) carries its domain error.
  const format = (error: GraphQLError): GraphQLFormattedError =>
    formatGraphQLError(error.toJSON(), !error.path && error.originalError instanceof DomainError ? error.originalError : error, app.log);

  const revocations = new KeyRevocationWatch(app);
  const limits = new SubscriptionLimits({ perConnection: app.config.graphqlMaxSubscriptionsPerConnection, perKey: app.config.graphqlMaxSubscriptionsPerKey });
  // The key each connection authenticated with, for the per-key subscription cap.
  const connectionKeys = new WeakMap<object, string>();
  // When each operation arrived, per connection: queries and mutations are timed to their result,
  // subscriptions to the moment they are set up (their lifetime is the client's business).
  const arrivals = new WeakMap<object, Map<string, number>>();
  const server = useServer<ConnectionParams>(
    {
      schema,
      // A connection without a valid key is let in: each operation then fails at the access gate with
      // UNAUTHENTICATED, as over HTTP, instead of a bare close code the client cannot read a code from.
      // Such a connection is closed (4401) after UNAUTHENTICATED_GRACE_MS, so key-less sockets cannot pile up.
      async onConnect(ctx) {
        const principal = await authenticate(app, ctx.connectionParams?.authorization);
        if (principal?.kind === 'tenant') revocations.track(ctx.extra.socket, principal.keyId);
        connectionKeys.set(ctx.extra.socket, principal === null ? 'none' : principal.kind === 'admin' ? 'admin' : principal.keyId);
        if (principal === null) {
          const socket = ctx.extra.socket;
          const timer = setTimeout(() => socket.close(4401, 'Unauthorized'), UNAUTHENTICATED_GRACE_MS);
          timer.unref();
          socket.once('close', () => clearTimeout(timer));
        }
        return true;
      },
      onSubscribe(ctx, id, payload) {
        const nul = nulInVariables(payload.variables);
        if (nul) return [nul];
        // Parsed (token cap included) and validated here rather than by graphql-ws, which would close the socket
        // (4500) on a syntax error and print its stack to stderr, once per attempt: it is the operation's error.
        let document: DocumentNode;
        try {
          document = parseDocument(payload.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('The query could not be parsed')];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length > 0) return invalid;
        const refused = limits.admit(ctx.extra.socket, connectionKeys.get(ctx.extra.socket) ?? 'none', id, getOperationAST(document, payload.operationName));
        if (refused) return [refused];
        let started = arrivals.get(ctx);
        if (!started) arrivals.set(ctx, (started = new Map()));
        started.set(id, performance.now());
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      onOperation(ctx, id, _payload, args) {
        const started = arrivals.get(ctx)?.get(id);
        arrivals.get(ctx)?.delete(id);
        if (started === undefined) return;
        const operation = getOperationAST(args.document, args.operationName);
        if (!operation) return;
        graphqlOperationSeconds.observe({ type: operation.operation, name: operationNameLabel(args.operationName ?? operation.name?.value) }, (performance.now() - started) / 1000);
      },
      async context(ctx) {
        return createContext(app, await authenticate(app, ctx.connectionParams?.authorization));
      },
      onComplete(ctx, id) {
        limits.release(ctx.extra.socket, id);
      },
      onError(ctx, id, _payload, errors) {
        limits.release(ctx.extra.socket, id);
        return errors.map(format);
      },
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map(format) };
      },
    },
    wss,
  );

  return async () => {
    revocations.stop();
    for (const client of wss.clients) client.close(1001, 'Server shutting down');
    await server.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}
