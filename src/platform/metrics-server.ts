import http from 'node:http';
import { requestPath } from './http-replies';
import { httpTimeouts, listenOrExplain, serveMetrics } from './http-server';

/**
 * /metrics on a port of its own (METRICS_PORT), reachable by the scraper but not routed by any public
 * Ingress; nothing else is served there.
 */
export async function listenMetrics(port: number, options: { token?: string; headersTimeoutMs: number }): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer(httpTimeouts(options.headersTimeoutMs), (req, res) => {
    const path = requestPath(req);
    if (path === undefined) return void res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad request target\n');
    if (req.method === 'GET' && path === '/metrics') {
      serveMetrics(req, res, options.token).catch(() => (res.headersSent ? res.end() : res.writeHead(500).end()));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  });
  await listenOrExplain(server, port, 'METRICS_PORT');
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
