import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppContext } from '../app-context';
import { ChargePointOfflineError } from '../ocpp/call-errors';
import { CLOSE_POLICY_VIOLATION, OcppSession } from '../ocpp/ocpp-session';
import { TokenBucket } from '../ocpp/rate-limiter';
import { Counts } from '../platform/counts';
import { LogThrottle } from '../platform/log-throttle';
import { tenantEm } from '../platform/db';
import type { Logger } from '../platform/logger';
import { chargePointKey } from '../modules/charge-point/charge-point-key';
import { ConnectionLifecycle, type ConnectionRef } from '../modules/charge-point/connection-lifecycle';
import { quirkRepairer } from '../modules/charge-point/quirk-repair';
import { ocppRateLimited, ocppSocketsStalled, trackConnectedChargePoints } from '../platform/metrics';
import { httpTimeouts, listenOrExplain } from '../platform/http-server';
import { OpenFiles } from '../platform/open-files';
import { PendingSockets } from '../platform/pending-sockets';
import type { LocalConnections } from './cluster';
import { reportUndelivered, sendIfOpen } from './delivery-report';
import { frameObserver } from './frame-observer';
import type { ChargePointContext } from './handler-context';
import { INGRESS_LIMITS } from './limits';
import { LoginLimits } from './login-limits';
import { OcppDispatcher } from './ocpp-dispatcher';
import { securityHooks } from './security-profile-gate';
import { SocketFlow } from './socket-flow';
import { SpreadInterval } from '../platform/spread-interval';
import { createTlsListener } from './tls-listener';
import { authenticateUpgrade, OCPP_SUBPROTOCOL, UpgradeRefused, type ChargePointIdentity } from './upgrade-auth';

export const MAX_FRAME_BYTES = INGRESS_LIMITS.maxFrameBytes;
const CLOSE_REPLACED = 1000;
const CLOSE_GOING_AWAY = 1001;

interface Connection {
  connectionId: string;
  identity: ChargePointIdentity;
  socket: WebSocket;
  session: OcppSession;
  /** No ping unanswered: a pong or a frame came since the last ping. */
  alive: boolean;
  /** A frame came since the connection's last ping check. */
  heard: boolean;
}

/**
 * The thin `ws` adapter: the ws:// and wss:// listeners, the HTTP upgrade and its authentication, one
 * OcppSession per socket wired to its OcppDispatcher, the local connection registry, pings. What a
 * connection means beyond the socket is the ConnectionLifecycle's.
 */
export class OcppServer implements LocalConnections {
  private readonly connections = new Map<string, Connection>();
  /** `connections` counted per tenant id, kept where it changes: the connected-charge-points gauge reads it on scrape. */
  private readonly perTenant = new Counts();
  private readonly server: http.Server;
  /** wss:// on OCPP_TLS_PORT beside ws:// (tls-listener.ts); both feed the same upgrade path. */
  private readonly tlsServer: https.Server | undefined;
  private readonly wss: WebSocketServer;
  private readonly pings = new SpreadInterval<Connection>(INGRESS_LIMITS.pingIntervalMs, (due) => this.pingDue(due));
  private untrackConnections: (() => void) | undefined;
  private readonly loginLimits: LoginLimits;
  /** Sockets connected but not yet an authenticated WebSocket: deadline and caps. */
  private readonly pending: PendingSockets;
  private readonly openFiles: OpenFiles;
  private readonly lifecycle: ConnectionLifecycle;

  constructor(private readonly app: AppContext) {
    const { config } = app;
    this.loginLimits = new LoginLimits(app.redis, app.keys, {
      failuresPerAddress: config.authFailuresPerAddress,
      failuresPerAddressAndChargePoint: config.authFailuresPerChargePoint,
      notFoundPerAddress: config.ocppNotFoundPerAddress,
    }, app.log);
    this.openFiles = new OpenFiles(config.openFilesHeadroom);
    this.lifecycle = new ConnectionLifecycle(app);
    const timeouts = httpTimeouts(config.httpHeadersTimeoutMs);
    this.server = http.createServer(timeouts);
    this.tlsServer = createTlsListener(config, { ...timeouts, handshakeTimeout: config.ocppHandshakeTimeoutMs });
    // Behind a proxy every socket comes from the proxy's address: only the total cap makes sense then.
    this.pending = new PendingSockets({
      timeoutMs: config.ocppHandshakeTimeoutMs,
      maxTotal: config.ocppPendingTotal,
      maxPerAddress: config.trustProxy ? undefined : config.ocppPendingPerAddress,
      // Idle sockets are what exhausts descriptors: near the limit, new ones are not even kept.
      refuseWhile: () => this.openFiles.nearLimit(true),
    });
    for (const server of this.listeners()) {
      this.pending.watch(server);
      server.on('request', (_req, res) => {
        res.writeHead(426, { 'content-type': 'text/plain' }).end('OCPP-J endpoint: connect with a WebSocket to /ocpp/{tenant}/{chargePointId}\n');
      });
      server.on('upgrade', (req, socket, head) => void this.onUpgrade(req, socket, head));
    }
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_FRAME_BYTES,
      handleProtocols: (protocols) => (protocols.has(OCPP_SUBPROTOCOL) ? OCPP_SUBPROTOCOL : false),
      perMessageDeflate: false,
    });
  }

  private listeners(): Array<http.Server | https.Server> {
    return this.tlsServer ? [this.server, this.tlsServer] : [this.server];
  }

  /** Starts the wss:// listener, when TLS is configured; its port, or undefined. */
  async listenTls(port: number): Promise<number | undefined> {
    if (!this.tlsServer) return undefined;
    await listenOrExplain(this.tlsServer, { port, backlog: 4096 }, 'OCPP_TLS_PORT');
    const address = this.tlsServer.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  async listen(port: number): Promise<number> {
    // A site coming back after an outage connects all at once: a deep accept queue (capped by somaxconn).
    await listenOrExplain(this.server, { port, backlog: 4096 }, 'OCPP_PORT');
    this.pings.start();
    this.app.cluster.attachLocal(this);
    this.untrackConnections = trackConnectedChargePoints(() => this.perTenant.entries());
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  get size(): number {
    return this.connections.size;
  }

  async close(): Promise<void> {
    this.pings.stop();
    this.untrackConnections?.();
    await new Promise<void>((resolve) => {
      this.tlsServer?.close();
      this.server.close(() => resolve());
      for (const connection of this.connections.values()) connection.socket.close(CLOSE_GOING_AWAY, 'Server shutting down');
      // Sockets that do not finish the closing handshake in time are cut.
      setTimeout(() => {
        for (const connection of this.connections.values()) connection.socket.terminate();
        resolve();
      }, 3000).unref();
    });
    await Promise.all([...this.connections.values()].map((c) => this.forget(c)));
  }

  // LocalConnections
  has(tenantId: string, chargePointId: string): boolean {
    return this.connections.has(chargePointKey(tenantId, chargePointId));
  }

  call(tenantId: string, chargePointId: string, action: string, payload: unknown, timeoutMs: number, uniqueId?: string): Promise<unknown> {
    const connection = this.connections.get(chargePointKey(tenantId, chargePointId));
    if (!connection) return Promise.reject(new ChargePointOfflineError());
    return connection.session.call(action, payload, timeoutMs, uniqueId);
  }

  kick(tenantId: string, chargePointId: string, connectionId: string): void {
    const connection = this.connections.get(chargePointKey(tenantId, chargePointId));
    if (connection && connection.connectionId === connectionId) connection.socket.close(CLOSE_REPLACED, 'Replaced by a newer connection');
  }

  private async onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => undefined);
    if (this.openFiles.nearLimit()) {
      this.app.log.warn({ limit: this.openFiles.limit, headroom: this.openFiles.headroom }, 'near the open-files limit: refusing new OCPP connections');
      return refuse(socket, 503);
    }
    let identity: ChargePointIdentity;
    try {
      identity = await authenticateUpgrade(this.app.orm, req, { trustProxy: this.app.config.trustProxy, limits: this.loginLimits, ...securityHooks(this.app) });
    } catch (error) {
      const status = error instanceof UpgradeRefused ? error.status : 503;
      if (!(error instanceof UpgradeRefused)) this.app.log.error({ err: error }, 'upgrade failed');
      else this.app.log.info({ status, url: req.url, reason: error.message }, 'upgrade refused');
      refuse(socket, status);
      return;
    }
    // Past the handshake deadline the socket was already destroyed while authentication ran.
    if (socket.destroyed) return;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.pending.settle(socket);
      this.onConnection(ws, identity);
    });
  }

  private onConnection(socket: WebSocket, identity: ChargePointIdentity): void {
    const { tenantId, chargePointId } = identity;
    // The connection's child logger is made when it first has something to say: a pino child per socket
    // (its bindings, its level methods) is memory and connect-time CPU most connections never use.
    let connectionLog: Logger | undefined;
    const log = (): Logger => (connectionLog ??= this.app.log.child({ tenantId, chargePointId }));
    const connectionId = randomUUID();
    const context: ChargePointContext = {
      tenantId,
      chargePointId,
      app: this.app,
      em: () => tenantEm(this.app.orm, tenantId),
      registrationStatus: identity.registrationStatus,
    };
    const dispatcher = new OcppDispatcher(context);
    const observeFrame = frameObserver(context, log);
    // One connection's repeated warnings: the first of a kind is logged, the rest counted.
    const warnings = new LogThrottle();
    const warn = (message: string, detail?: unknown, uniqueId?: string) => {
      const suppressed = warnings.admit(message);
      if (suppressed === undefined) return;
      const fields = detail instanceof Error ? { uniqueId, err: detail } : { uniqueId, detail };
      log().warn(suppressed > 0 ? { ...fields, suppressed } : fields, message);
    };
    const flow = new SocketFlow(socket, { maxBytes: this.app.config.ocppSendBufferBytes, stallMs: this.app.config.ocppSendStallMs }, (reason) => {
      ocppSocketsStalled.inc();
      log().warn({ reason }, 'charge point does not read its answers; closing the connection');
      // The close frame would wait behind the unread answers: the socket is cut.
      socket.close(CLOSE_POLICY_VIOLATION, 'Answers left unread');
      socket.terminate();
    });
    const session = new OcppSession({
      transport: {
        send: (text) => {
          if (!sendIfOpen(socket, text)) return false;
          flow.sent();
          return true;
        },
        close: (code, reason) => socket.close(code, reason),
        setBacklogged: (backlogged) => flow.setBacklogged(backlogged),
      },
      callLimiter: new TokenBucket(this.app.config.ocppRateLimitPerS, this.app.config.ocppRateLimitBurst),
      onRateLimited: () => ocppRateLimited.inc(),
      callTimeoutMs: this.app.config.ocppCallTimeoutMs,
      maxQueuedCalls: INGRESS_LIMITS.maxQueuedCalls,
      maxBadFrames: INGRESS_LIMITS.maxBadFrames,
      badFrameWindowMs: INGRESS_LIMITS.badFrameWindowMs,
      handler: (action, payload, uniqueId) => dispatcher.handle(action, payload, uniqueId),
      repair: quirkRepairer(this.app, identity, log),
      onUndelivered: (event) => reportUndelivered(log(), event),
      onFrame: (event) => {
        dispatcher.observe(event);
        observeFrame(event);
      },
      onProtocolWarning: warn,
    });
    const connection: Connection = { connectionId, identity, socket, session, alive: true, heard: false };
    const previous = this.connections.get(chargePointKey(tenantId, chargePointId));
    this.connections.set(chargePointKey(tenantId, chargePointId), connection);
    // Pinged and its presence refreshed while it is the charge point's connection here.
    this.pings.add(connectionId, connection);
    this.app.cluster.trackLocal(connectionRef(connection));
    if (previous) {
      this.untrack(previous);
      previous.socket.close(CLOSE_REPLACED, 'Replaced by a newer connection');
    } else {
      this.perTenant.add(tenantId);
    }

    socket.on('pong', () => (connection.alive = true));
    socket.on('message', (data, isBinary) => {
      connection.alive = true;
      connection.heard = true;
      // Nothing one frame does may end the process: whatever escapes the session is logged (rate-limited).
      try {
        session.receive(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString());
      } catch (error) {
        warn('Receiving a frame failed', error);
      }
    });
    socket.on('error', (error) => warn('socket error', error));
    socket.on('close', (code) => {
      flow.stop();
      const suppressedWarnings = warnings.unreported();
      if (this.app.log.isLevelEnabled('info')) {
        this.app.log.info({ tenantId, chargePointId, code, ...(suppressedWarnings > 0 ? { suppressedWarnings } : {}) }, 'charge point disconnected');
      }
      void this.forget(connection);
    });

    this.app.log.info({ tenantId, chargePointId }, 'charge point connected');
    void this.lifecycle.connected({ ...connectionRef(connection), siteLimitGroupId: identity.siteLimitGroupId }, () => this.connections.get(chargePointKey(tenantId, chargePointId)) === connection, log);
  }

  private untrack(connection: Connection): void {
    this.pings.delete(connection.connectionId);
    this.app.cluster.untrackLocal(connection.connectionId);
  }

  private async forget(connection: Connection): Promise<void> {
    connection.session.close();
    this.untrack(connection);
    const { tenantId, chargePointId } = connection.identity;
    if (this.connections.get(chargePointKey(tenantId, chargePointId)) !== connection) return;
    this.connections.delete(chargePointKey(tenantId, chargePointId));
    this.perTenant.remove(tenantId);
    await this.lifecycle.disconnected(connectionRef(connection));
  }

  /**
   * Each connection once per ping period, a slice of them each second (spread-interval.ts). A connection
   * that sent a frame since its last check is alive without a ping (a charging charger sends MeterValues
   * more often than the period); one that stayed silent is pinged, and cut at the next check if neither a
   * pong nor a frame came back.
   */
  private pingDue(due: Iterable<Connection>): void {
    for (const connection of due) {
      if (connection.heard) {
        connection.heard = false;
        continue;
      }
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }
}

function connectionRef({ identity, connectionId }: Connection): ConnectionRef {
  return { tenantId: identity.tenantId, chargePointId: identity.chargePointId, connectionId };
}

function refuse(socket: Duplex, status: number): void {
  const text = http.STATUS_CODES[status] ?? 'Error';
  const extra = status === 401 ? 'WWW-Authenticate: Basic realm="OCPP"\r\n' : '';
  socket.end(`HTTP/1.1 ${status} ${text}\r\n${extra}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}
