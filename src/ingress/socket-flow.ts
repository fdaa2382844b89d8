import type { WebSocket } from 'ws';

export interface SendBufferLimits {
  /** Unsent bytes above which reading from the socket stops until they drain below half of it. */
  maxBytes: number;
  /** How long a socket may stay above `maxBytes` (a peer that does not read) before it is closed. */
  stallMs: number;
}

const DRAIN_CHECK_MS = 100;
/** Far over the bound (the CSMS's own calls keep adding to it), the socket is closed at once. */
const HARD_CAP_FACTOR = 4;

/**
 * Reading from one charge point's socket, paused for two reasons: its calls pile up unanswered (the
 * session says so), or our answers pile up unsent because it does not read them. Either way its flood
 * waits in kernel buffers, not in this process's memory or in front of other sockets' frames.
 */
export class SocketFlow {
  private backlogged = false;
  private sendStalledSince: number | undefined;
  private drainTimer: NodeJS.Timeout | undefined;
  private stalled = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: SendBufferLimits,
    private readonly onStalled: (reason: string) => void,
  ) {}

  setBacklogged(backlogged: boolean): void {
    this.backlogged = backlogged;
    this.apply();
  }

  /** After each send: past the bound, stop reading until the peer has taken its answers. */
  sent(): void {
    const buffered = this.socket.bufferedAmount;
    if (buffered > this.limits.maxBytes * HARD_CAP_FACTOR) return this.stall(`send buffer over ${this.limits.maxBytes * HARD_CAP_FACTOR} bytes`);
    if (buffered <= this.limits.maxBytes || this.sendStalledSince !== undefined) return;
    this.sendStalledSince = performance.now();
    this.apply();
    this.drainTimer = setInterval(() => this.checkDrained(), DRAIN_CHECK_MS);
    this.drainTimer.unref();
  }

  stop(): void {
    clearInterval(this.drainTimer);
    this.drainTimer = undefined;
  }

  private checkDrained(): void {
    if (this.socket.bufferedAmount <= this.limits.maxBytes / 2) {
      this.stop();
      this.sendStalledSince = undefined;
      this.apply();
    } else if (performance.now() - (this.sendStalledSince ?? 0) > this.limits.stallMs) {
      this.stall(`answers unread for ${this.limits.stallMs} ms`);
    }
  }

  private stall(reason: string): void {
    this.stop();
    if (this.stalled) return;
    this.stalled = true;
    this.onStalled(reason);
  }

  private apply(): void {
    if (this.backlogged || this.sendStalledSince !== undefined) this.socket.pause();
    else this.socket.resume();
  }
}
