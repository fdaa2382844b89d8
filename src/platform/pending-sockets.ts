import type http from 'node:http';
import type https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { addressGroup } from './address-group';
import { Counts } from './counts';

export interface PendingSocketLimits {
  /** A socket still pending this long after it connected is destroyed. */
  timeoutMs: number;
  /** Pending sockets at once; beyond it a new connection is refused (503). */
  maxTotal?: number;
  /** Pending sockets from one TCP peer address at once. */
  maxPerAddress?: number;
  /** Refuse every new socket while this holds (the process is short of open files, say). */
  refuseWhile?: () => boolean;
}

const REFUSAL = 'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/**
 * Connections that have not yet become what they came for (a request, an authenticated WebSocket):
 * each gets a deadline, and their number is capped in total and per peer address, so idle or half-open
 * sockets cannot pile up and eat the open-files limit. The owner calls `settle` when a socket is done.
 */
export class PendingSockets {
  private readonly pending = new Map<Duplex, { timer: NodeJS.Timeout; address: string }>();
  private readonly perAddress = new Counts();

  constructor(private readonly limits: PendingSocketLimits) {}

  /** Watches the server's new sockets: plain TCP for http, the TLS socket (after its handshake) for https. */
  watch(server: http.Server | https.Server): void {
    const event = isTls(server) ? 'secureConnection' : 'connection';
    server.on(event, (socket: Socket) => this.admit(socket));
  }

  get size(): number {
    return this.pending.size;
  }

  /** The socket is no longer pending (upgraded, answered, closed). */
  settle(socket: Duplex): void {
    const entry = this.pending.get(socket);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(socket);
    this.perAddress.remove(entry.address);
  }

  private admit(socket: Socket): void {
    const address = addressGroup(socket.remoteAddress ?? 'unknown');
    const { maxTotal, maxPerAddress, timeoutMs, refuseWhile } = this.limits;
    const full = (maxTotal !== undefined && this.pending.size >= maxTotal) || (maxPerAddress !== undefined && this.perAddress.get(address) >= maxPerAddress);
    if (full || refuseWhile?.()) {
      socket.on('error', () => undefined);
      socket.end(REFUSAL, () => socket.destroy());
      return;
    }
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    timer.unref();
    this.pending.set(socket, { timer, address });
    this.perAddress.add(address);
    socket.once('close', () => this.settle(socket));
  }
}

function isTls(server: http.Server | https.Server): boolean {
  return typeof (server as https.Server).addContext === 'function';
}
