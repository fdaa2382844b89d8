import { GraphQLError, type OperationDefinitionNode } from 'graphql';
import type { WebSocket } from 'ws';
import { Counts } from '../platform/counts';
import { ForbiddenError } from '../platform/errors';
import type { Logger } from '../platform/logger';

/** Close code for a subscriber whose socket does not keep up (RFC 6455 policy violation). */
export const CLOSE_SLOW_CONSUMER = 1008;
/** A closing handshake the slow peer never reads is not waited for longer than this. */
const SLOW_CLOSE_GRACE_MS = 1000;

/**
 * Caps on open subscriptions, per graphql-ws connection and per API key (on this node: each node counts
 * its own connections, so a key may hold the cap on every node). `admit` refuses past a cap with a
 * FORBIDDEN error; the caller releases each admitted subscription when it completes or its socket closes.
 */
export class SubscriptionLimits {
  private readonly bySocket = new Map<WebSocket, { key: string; ids: Set<string> }>();
  private readonly byKey = new Counts();

  constructor(private readonly limits: { perConnection: number; perKey: number }) {}

  /** Null when admitted; otherwise the error to answer with. Only subscriptions count. */
  admit(socket: WebSocket, key: string, id: string, operation: OperationDefinitionNode | null | undefined): GraphQLError | null {
    if (operation?.operation !== 'subscription') return null;
    let entry = this.bySocket.get(socket);
    if (!entry) {
      entry = { key, ids: new Set() };
      this.bySocket.set(socket, entry);
      socket.once('close', () => this.releaseAll(socket));
    }
    if (entry.ids.size >= this.limits.perConnection) {
      return tooMany(`at most ${this.limits.perConnection} open subscriptions per connection: complete some first`);
    }
    if (this.byKey.get(key) >= this.limits.perKey) return tooMany(`at most ${this.limits.perKey} open subscriptions per API key: complete some first`);
    entry.ids.add(id);
    this.byKey.add(key);
    return null;
  }

  release(socket: WebSocket, id: string): void {
    const entry = this.bySocket.get(socket);
    if (entry?.ids.delete(id)) this.byKey.remove(entry.key);
  }

  private releaseAll(socket: WebSocket): void {
    const entry = this.bySocket.get(socket);
    if (!entry) return;
    this.bySocket.delete(socket);
    for (let i = 0; i < entry.ids.size; i++) this.byKey.remove(entry.key);
  }
}

function tooMany(message: string): GraphQLError {
  const refusal = new ForbiddenError(`Too many subscriptions: ${message}`);
  return new GraphQLError(refusal.message, { originalError: refusal });
}

/**
 * Bounds what one graphql-ws socket may have waiting to be sent. graphql-ws waits for each message to be
 * flushed before sending the subscription's next one, so a peer that stops reading would hold its
 * subscriptions (and the events they buffer) forever; instead each send returns at once, and a socket
 * with more than `maxBytes` unsent is closed (CLOSE_SLOW_CONSUMER, then cut off if the close cannot be
 * delivered), which ends its subscriptions.
 */
export function boundSendBuffer(socket: WebSocket, maxBytes: number, log: Logger): void {
  const send = socket.send.bind(socket);
  let dropped = false;
  socket.send = ((data: string, callback?: (error?: Error) => void) => {
    if (dropped) return callback?.();
    if (socket.bufferedAmount > maxBytes) {
      dropped = true;
      log.warn({ bufferedBytes: socket.bufferedAmount, maxBytes }, 'graphql-ws subscriber does not keep up: closing it');
      socket.close(CLOSE_SLOW_CONSUMER, 'Slow consumer');
      setTimeout(() => socket.terminate(), SLOW_CLOSE_GRACE_MS).unref();
      return callback?.();
    }
    send(data);
    callback?.();
  }) as WebSocket['send'];
}
