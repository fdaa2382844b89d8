import { randomUUID } from 'node:crypto';
import type { Context } from '@opentelemetry/api';
import type Redis from 'ioredis';
import { ChargePointCallError, ChargePointOfflineError, ChargePointTimeoutError } from '../ocpp/call-errors';
import type { Logger } from '../platform/logger';
import type { RedisKeys } from '../platform/redis';
import { contextFromHeaders, currentTraceHeaders, inSpan, isTracing, ocppCallAttributes, SpanKind } from '../platform/tracing';
import { SpreadInterval } from '../platform/spread-interval';

/** What a node holding charge point sockets can do for the cluster. */
export interface LocalConnections {
  call(tenantId: string, chargePointId: string, action: string, payload: unknown, timeoutMs: number, uniqueId?: string): Promise<unknown>;
  kick(tenantId: string, chargePointId: string, connectionId: string): void;
  has(tenantId: string, chargePointId: string): boolean;
}

/** A socket this node holds: its presence record is refreshed while it is tracked (`trackLocal`). */
export interface LocalConnectionRef {
  tenantId: string;
  chargePointId: string;
  connectionId: string;
}

type NodeMessage =
  | { kind: 'call'; requestId: string; replyTo: string; tenantId: string; chargePointId: string; action: string; payload: unknown; timeoutMs: number; uniqueId?: string; trace?: Record<string, string> }
  | { kind: 'reply'; requestId: string; ok: true; result: unknown }
  | { kind: 'reply'; requestId: string; ok: false; error: SerializedCallError }
  | { kind: 'kick'; tenantId: string; chargePointId: string; connectionId: string };

interface SerializedCallError {
  type: 'offline' | 'timeout' | 'callError' | 'internal';
  message: string;
  timeoutMs?: number;
  ocppErrorCode?: string;
  errorDetails?: unknown;
}

export interface ClusterOptions {
  /** Seconds a presence record outlives its last refresh; a crashed node's charge points look connected this long. */
  presenceTtlS?: number;
}

const DEFAULT_PRESENCE_TTL_S = 90;
/** Extra time allowed for the two Redis hops of a remote call. */
const REMOTE_MARGIN_MS = 3_000;

/**
 * Deletes the presence entry only while it still names this connection. Returns 1 when deleted, 0 when
 * there was none (expired), -1 when another connection holds it (the charge point reconnected elsewhere).
 */
const DELETE_IF_OWNED = `
local current = redis.call('get', KEYS[1])
if current == ARGV[1] then return redis.call('del', KEYS[1]) end
if current then return -1 end
return 0`;

/** Extends the record's life only while it names this connection; recreates it if it expired meanwhile. */
const REFRESH_IF_OWNED = `
local current = redis.call('get', KEYS[1])
if current == ARGV[1] or not current then return redis.call('set', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
return 0`;

/** What `release` found: whether this connection was still the charge point's current one. */
export type ReleaseOutcome = 'released' | 'expired' | 'replaced';

/**
 * Presence and cross-node routing over Redis. Each process subscribes to its own node channel; presence
 * records say which node and connection hold each charge point, and expire by themselves when a node dies.
 */
export class Cluster {
  private readonly pendingReplies = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private local: LocalConnections | undefined;
  /** The local connections whose presence is refreshed, each once per refresh period. */
  private readonly refreshes: SpreadInterval<LocalConnectionRef>;
  private readonly presenceTtlS: number;

  constructor(
    readonly nodeId: string,
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly keys: RedisKeys,
    private readonly log: Logger,
    options: ClusterOptions = {},
  ) {
    this.presenceTtlS = options.presenceTtlS ?? DEFAULT_PRESENCE_TTL_S;
    // Three refreshes per TTL: one lost refresh never makes a live charge point look gone. Spread over
    // the period, a slice of the connections each second: never one pipeline of every connection.
    this.refreshes = new SpreadInterval(Math.max(500, (this.presenceTtlS * 1000) / 3), (due) => void this.refreshPresence(due));
  }

  async start(): Promise<void> {
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.keys.node(this.nodeId)) return;
      let message: NodeMessage;
      try {
        message = JSON.parse(text);
      } catch {
        return;
      }
      this.onNodeMessage(message);
    });
    await this.subscriber.subscribe(this.keys.node(this.nodeId));
  }

  /** Called by the ingress role: this node now holds sockets. */
  attachLocal(local: LocalConnections): void {
    this.local = local;
    this.refreshes.start();
  }

  /** The holder's current socket for a charge point: its presence is refreshed until `untrackLocal`. */
  trackLocal(ref: LocalConnectionRef): void {
    this.refreshes.add(ref.connectionId, ref);
  }

  untrackLocal(connectionId: string): void {
    this.refreshes.delete(connectionId);
  }

  async stop(): Promise<void> {
    this.refreshes.stop();
    for (const [, pending] of this.pendingReplies) {
      clearTimeout(pending.timer);
      pending.reject(new ChargePointOfflineError('Node shutting down'));
    }
    this.pendingReplies.clear();
  }

  /** Records that this node holds the charge point; tells the previous holder to close its socket. */
  async claim(tenantId: string, chargePointId: string, connectionId: string): Promise<void> {
    const key = this.keys.presence(tenantId, chargePointId);
    const previous = await this.redis.set(key, `${this.nodeId}|${connectionId}`, 'EX', this.presenceTtlS, 'GET');
    if (!previous) return;
    const [node, oldConnection] = previous.split('|');
    // A dead node has no subscriber: nothing to close there.
    if (node !== this.nodeId) void this.sendToNode(node, { kind: 'kick', tenantId, chargePointId, connectionId: oldConnection });
  }

  /** Drops the presence record if it is still this connection's; tells whether it was. */
  async release(tenantId: string, chargePointId: string, connectionId: string): Promise<ReleaseOutcome> {
    const result = await this.redis.eval(DELETE_IF_OWNED, 1, this.keys.presence(tenantId, chargePointId), `${this.nodeId}|${connectionId}`);
    return result === 1 ? 'released' : result === -1 ? 'replaced' : 'expired';
  }

  async isConnected(tenantId: string, chargePointIds: string[]): Promise<boolean[]> {
    if (chargePointIds.length === 0) return [];
    const values = await this.redis.mget(chargePointIds.map((id) => this.keys.presence(tenantId, id)));
    return values.map((v) => v !== null);
  }

  /** Sends a CALL to the charge point wherever it is connected and resolves with its CALLRESULT payload. */
  async call(tenantId: string, chargePointId: string, action: string, payload: unknown, timeoutMs: number, uniqueId?: string): Promise<unknown> {
    if (this.local?.has(tenantId, chargePointId)) return this.callLocal({ tenantId, chargePointId, action, payload, timeoutMs, uniqueId });
    const presenceKey = this.keys.presence(tenantId, chargePointId);
    const holder = await this.redis.get(presenceKey);
    if (!holder) throw new ChargePointOfflineError();
    const [node] = holder.split('|');
    if (node === this.nodeId) {
      // Stale record of our own: the socket is gone.
      throw new ChargePointOfflineError();
    }
    const requestId = randomUUID();
    const reply = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingReplies.delete(requestId);
        reject(new ChargePointTimeoutError(timeoutMs));
      }, timeoutMs + REMOTE_MARGIN_MS);
      this.pendingReplies.set(requestId, { resolve, reject, timer });
    });
    // The caller's trace goes along (W3C traceparent), so the OCPP call there is a child of the command here.
    const trace = currentTraceHeaders();
    const receivers = await this.sendToNode(node, { kind: 'call', requestId, replyTo: this.nodeId, tenantId, chargePointId, action, payload, timeoutMs, uniqueId, trace });
    if (receivers === 0) {
      // The holder is gone (crashed before its presence expired): nobody will ever answer, and the record is stale.
      const pending = this.pendingReplies.get(requestId);
      this.pendingReplies.delete(requestId);
      if (pending) clearTimeout(pending.timer);
      await this.redis.eval(DELETE_IF_OWNED, 1, presenceKey, holder).catch(() => undefined);
      throw new ChargePointOfflineError('The node holding the charge point is gone');
    }
    return reply;
  }

  private onNodeMessage(message: NodeMessage): void {
    switch (message.kind) {
      case 'kick':
        this.local?.kick(message.tenantId, message.chargePointId, message.connectionId);
        return;
      case 'call':
        void this.serveRemoteCall(message);
        return;
      case 'reply': {
        const pending = this.pendingReplies.get(message.requestId);
        if (!pending) return;
        this.pendingReplies.delete(message.requestId);
        clearTimeout(pending.timer);
        if (message.ok) pending.resolve(message.result);
        else pending.reject(deserializeError(message.error));
      }
    }
  }

  private async serveRemoteCall(message: Extract<NodeMessage, { kind: 'call' }>): Promise<void> {
    let reply: NodeMessage;
    try {
      if (!this.local?.has(message.tenantId, message.chargePointId)) throw new ChargePointOfflineError();
      const result = await this.callLocal(message, contextFromHeaders(message.trace));
      reply = { kind: 'reply', requestId: message.requestId, ok: true, result };
    } catch (error) {
      reply = { kind: 'reply', requestId: message.requestId, ok: false, error: serializeError(error) };
    }
    void this.sendToNode(message.replyTo, reply);
  }

  /** The CALL to a charge point connected here, in a span (a child of the command's, wherever that runs). */
  private callLocal(
    call: { tenantId: string; chargePointId: string; action: string; payload: unknown; timeoutMs: number; uniqueId?: string },
    parent?: Context,
  ): Promise<unknown> {
    const local = this.local;
    if (!local) return Promise.reject(new ChargePointOfflineError());
    const { tenantId, chargePointId, action, payload, timeoutMs, uniqueId } = call;
    if (!isTracing()) return local.call(tenantId, chargePointId, action, payload, timeoutMs, uniqueId);
    const attributes = { ...ocppCallAttributes(tenantId, chargePointId, action, uniqueId), 'qcharge.node_id': this.nodeId };
    return inSpan(`OCPP ${action} (to charge point)`, { kind: SpanKind.CLIENT, attributes, parent, errorAttributes: callErrorAttributes }, () =>
      local.call(tenantId, chargePointId, action, payload, timeoutMs, uniqueId),
    );
  }

  /** Resolves with how many processes received it (0: that node is gone; -1: Redis failed). */
  private sendToNode(nodeId: string, message: NodeMessage): Promise<number> {
    return this.redis.publish(this.keys.node(nodeId), JSON.stringify(message)).catch((error) => {
      this.log.warn({ err: error, nodeId }, 'node message publish failed');
      return -1;
    });
  }

  private async refreshPresence(due: Iterable<LocalConnectionRef>): Promise<void> {
    const pipeline = this.redis.pipeline();
    let count = 0;
    for (const { tenantId, chargePointId, connectionId } of due) {
      // Conditional: a socket that was replaced elsewhere but is not closed yet must not steal the record back.
      pipeline.eval(REFRESH_IF_OWNED, 1, this.keys.presence(tenantId, chargePointId), `${this.nodeId}|${connectionId}`, this.presenceTtlS);
      count++;
    }
    if (count === 0) return;
    await pipeline.exec().catch((error) => this.log.warn({ err: error }, 'presence refresh failed'));
  }
}

function callErrorAttributes(error: unknown): Record<string, string> {
  if (error instanceof ChargePointCallError) return { 'ocpp.error_code': error.ocppErrorCode };
  return { 'qcharge.call_error': serializeError(error).type };
}

function serializeError(error: unknown): SerializedCallError {
  if (error instanceof ChargePointOfflineError) return { type: 'offline', message: error.message };
  if (error instanceof ChargePointTimeoutError) return { type: 'timeout', message: error.message, timeoutMs: error.timeoutMs };
  if (error instanceof ChargePointCallError) {
    return { type: 'callError', message: error.errorDescription, ocppErrorCode: error.ocppErrorCode, errorDetails: error.errorDetails };
  }
  return { type: 'internal', message: 'Internal error on the node holding the charge point' };
}

function deserializeError(error: SerializedCallError): Error {
  switch (error.type) {
    case 'offline':
      return new ChargePointOfflineError(error.message);
    case 'timeout':
      return new ChargePointTimeoutError(error.timeoutMs ?? 0);
    case 'callError':
      return new ChargePointCallError(error.ocppErrorCode ?? 'GenericError', error.message, error.errorDetails);
    default:
      return new Error(error.message);
  }
}
