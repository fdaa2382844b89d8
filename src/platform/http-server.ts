import http from 'node:http';
import type { Duplex } from 'node:stream';
import { registry } from './metrics';

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;
export type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * The HTTP listener on API_PORT that every role runs: health, readiness and metrics always; GraphQL,
 * its WebSocket and uploads when the api role mounts them.
 */
export class HttpServer {
  readonly server = http.createServer((req, res) => void this.route(req, res));
  private readonly routes: Array<{ prefix: string; handler: RouteHandler }> = [];
  private readonly upgrades = new Map<string, UpgradeHandler>();

  constructor(private readonly readiness: () => Promise<boolean>) {
    this.server.on('upgrade', (req, socket, head) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const handler = this.upgrades.get(path);
      if (handler) handler(req, socket, head);
      else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    this.server.keepAliveTimeout = 65_000;
  }

  mount(prefix: string, handler: RouteHandler): void {
    this.routes.push({ prefix, handler });
  }

  mountUpgrade(path: string, handler: UpgradeHandler): void {
    this.upgrades.set(path, handler);
  }

  async listen(port: number): Promise<number> {
    await listenOrExplain(this.server, port, 'API_PORT');
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      setTimeout(() => {
        this.server.closeAllConnections();
        resolve();
      }, 3000).unref();
    });
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    try {
      if (req.method === 'GET' && path === '/healthz') return text(res, 200, 'ok\n');
      if (req.method === 'GET' && path === '/readyz') {
        const ready = await this.readiness().catch(() => false);
        return text(res, ready ? 200 : 503, ready ? 'ready\n' : 'not ready\n');
      }
      if (req.method === 'GET' && path === '/metrics') {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(await registry.metrics());
        return;
      }
      const route = this.routes.find((r) => path === r.prefix || path.startsWith(r.prefix + '/'));
      if (route) return await route.handler(req, res);
      text(res, 404, 'not found\n');
    } catch {
      if (!res.headersSent) text(res, 500, 'internal error\n');
      else res.end();
    }
  }
}

function text(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

/** Listens, or fails with a message that names the setting (a port in use is the usual cause). */
export function listenOrExplain(server: http.Server | import('node:https').Server, port: number | { port: number; backlog?: number }, setting: string): Promise<void> {
  const options = typeof port === 'number' ? { port } : port;
  return new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? `port ${options.port} is already in use` : error.message;
      reject(new Error(`${setting}: cannot listen: ${reason}`));
    };
    server.once('error', failed);
    server.listen(options, () => {
      server.off('error', failed);
      resolve();
    });
  });
}
