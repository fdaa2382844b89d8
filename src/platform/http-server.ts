import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { requestPath } from './http-replies';
import { registry } from './metrics';
import { PendingSockets } from './pending-sockets';

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;
export type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;

/** Uploads stream bodies of hundreds of MB: a whole request may take this long, its headers only HTTP_HEADERS_TIMEOUT_MS. */
const API_REQUEST_TIMEOUT_MS = 300_000;

export interface HttpServerOptions {
  /** Time a client has to send its headers (and to send anything at all after connecting). */
  headersTimeoutMs?: number;
  /** false when /metrics has a port of its own (METRICS_PORT). */
  serveMetrics?: boolean;
  /** If set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Connections held at once; a further one is closed as it arrives (`onDrop` is told). */
  maxConnections?: number;
  onDrop?: () => void;
}

/**
 * Node's header and request deadlines. Node checks them on a timer (30 s by default), so the check runs
 * more often than the deadline itself to close slow clients within a few seconds of it.
 */
export function httpTimeouts(headersTimeoutMs: number, requestTimeoutMs = headersTimeoutMs): http.ServerOptions {
  return {
    headersTimeout: headersTimeoutMs,
    requestTimeout: Math.max(requestTimeoutMs, headersTimeoutMs),
    connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
  };
}

/**
 * The HTTP listener on API_PORT that every role runs: health, readiness and metrics always; GraphQL,
 * its WebSocket and uploads when the api role mounts them.
 */
export class HttpServer {
  readonly server: http.Server;
  private readonly routes: Array<{ prefix: string; handler: RouteHandler }> = [];
  private readonly upgrades = new Map<string, UpgradeHandler>();

  constructor(
    private readonly readiness: () => Promise<boolean>,
    private readonly options: HttpServerOptions = {},
  ) {
    const headersTimeoutMs = options.headersTimeoutMs ?? 5000;
    this.server = http.createServer(httpTimeouts(headersTimeoutMs, API_REQUEST_TIMEOUT_MS), (req, res) => void this.route(req, res));
    // A socket that connects and never sends a request is closed like one that sends its headers too slowly.
    const silent = new PendingSockets({ timeoutMs: headersTimeoutMs });
    silent.watch(this.server);
    this.server.on('request', (req: http.IncomingMessage) => silent.settle(req.socket));
    this.server.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => silent.settle(socket));
    this.server.on('upgrade', (req, socket, head) => {
      const path = requestPath(req);
      const handler = path === undefined ? undefined : this.upgrades.get(path);
      if (handler) handler(req, socket, head);
      else if (path === undefined) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    this.server.keepAliveTimeout = 65_000;
    // API clients (idle keep-alive and WebSocket connections too) must not take the descriptors that charge
    // points need: past the cap Node closes a new connection at once.
    if (options.maxConnections) this.server.maxConnections = options.maxConnections;
    if (options.onDrop) this.server.on('drop', options.onDrop);
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
    const path = requestPath(req);
    if (path === undefined) return text(res, 400, 'bad request target\n');
    try {
      if (req.method === 'GET' && path === '/healthz') return text(res, 200, 'ok\n');
      if (req.method === 'GET' && path === '/readyz') {
        const ready = await this.readiness().catch(() => false);
        return text(res, ready ? 200 : 503, ready ? 'ready\n' : 'not ready\n');
      }
      if (req.method === 'GET' && path === '/metrics' && this.options.serveMetrics !== false) return await serveMetrics(req, res, this.options.metricsToken);
      const route = this.routes.find((r) => path === r.prefix || path.startsWith(r.prefix + '/'));
      if (route) return await route.handler(req, res);
      text(res, 404, 'not found\n');
    } catch {
      if (!res.headersSent) text(res, 500, 'internal error\n');
      else res.end();
    }
  }
}

/** The Prometheus exposition, behind the bearer token when one is configured. */
export async function serveMetrics(req: http.IncomingMessage, res: http.ServerResponse, token: string | undefined): Promise<void> {
  if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' });
    return void res.end('metrics need a bearer token\n');
  }
  res.writeHead(200, { 'content-type': registry.contentType });
  res.end(await registry.metrics());
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const offered = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '');
  const expected = Buffer.from(token);
  return offered.length === expected.length && timingSafeEqual(offered, expected);
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
