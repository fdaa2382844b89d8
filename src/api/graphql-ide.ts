import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

/** Where `npm run build` puts the IDE bundle (scripts/build-graphiql.js): <package root>/dist/graphiql. */
function bundleDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist/graphiql');
}

const ASSETS: Record<string, string> = {
  'graphiql.js': 'text/javascript; charset=utf-8',
  'graphiql.css': 'text/css; charset=utf-8',
};

// Asset URLs are relative to /graphql, so the page also works behind a proxy that serves it under a prefix.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>QCharge GraphQL</title>
<link rel="stylesheet" href="graphql/ide/graphiql.css">
</head>
<body>
<div id="graphiql"></div>
<script src="graphql/ide/graphiql.js"></script>
</body>
</html>
`;

// Everything the page loads is QCharge's own; the API is the same origin (HTTP and graphql-ws).
const CSP = "default-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

/** A browser asking for /graphql (Accept: text/html, no GraphQL query in the URL). */
function wantsPage(req: http.IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && url.pathname === '/graphql' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
}

/**
 * GraphiQL at GET /graphql for browsers, its bundle under /graphql/ide/; everything else goes to `next`
 * (GraphQL over HTTP, unchanged). The bundle is built by `npm run build`, never fetched from a CDN.
 */
export function withGraphqlIde(next: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) {
  const dir = bundleDir();
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    // A GraphQL POST to /graphql itself is neither the page nor an asset: no URL to parse.
    if (req.method === 'POST' && req.url === '/graphql') return next(req, res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (wantsPage(req, url)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
      res.end(PAGE);
      return;
    }
    const asset = url.pathname.startsWith('/graphql/ide/') ? url.pathname.slice('/graphql/ide/'.length) : undefined;
    if (asset === undefined) return next(req, res);
    const type = ASSETS[asset];
    if (req.method !== 'GET' || !type) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    let body: Buffer;
    try {
      body = await fs.promises.readFile(path.join(dir, asset));
    } catch {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('GraphQL IDE bundle not built: run npm run build\n');
      return;
    }
    res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' });
    res.end(body);
  };
}
