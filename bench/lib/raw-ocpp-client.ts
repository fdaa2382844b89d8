import WebSocket from 'ws';

/**
 * A minimal OCPP-J 1.6 charge point for load generation: one raw `ws` socket, a pending-call map and a
 * fixed answer for each CSMS call. ocpp-rpc's RPCClient validates every frame with ajv and keeps a
 * queue per socket; at 20,000 sockets in a few processes sharing 2 cores that cost would be measured
 * instead of the server's, so the bench sends pre-validated payloads and validates nothing.
 */
export interface CallOutcome {
  ok: boolean;
  ms: number;
  payload?: any;
  errorCode?: string;
}

type CsmsCallHandler = (action: string, payload: any) => unknown;

let uniqueCounter = 0;

export class RawOcppClient {
  private socket: WebSocket | undefined;
  private readonly pending = new Map<string, { started: number; resolve: (outcome: CallOutcome) => void; timer: NodeJS.Timeout }>();
  private previousCall: Promise<unknown> = Promise.resolve();
  csmsCalls = 0;
  closed = false;
  onClose?: () => void;

  constructor(
    readonly identity: string,
    private readonly url: string,
    private readonly password: string | undefined,
    private readonly answerCsms: CsmsCallHandler,
    private readonly callTimeoutMs = 30_000,
  ) {}

  connect(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      if (this.password) headers.authorization = 'Basic ' + Buffer.from(`${this.identity}:${this.password}`).toString('base64');
      const socket = new WebSocket(`${this.url}/${encodeURIComponent(this.identity)}`, ['ocpp1.6'], {
        headers,
        perMessageDeflate: false,
        handshakeTimeout: timeoutMs,
      });
      this.socket = socket;
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) => {
        reject(new Error(`HTTP ${res.statusCode}`));
        socket.terminate();
      });
      socket.on('error', (error) => reject(error));
      socket.on('close', () => {
        this.closed = true;
        for (const [id, call] of this.pending) {
          clearTimeout(call.timer);
          call.resolve({ ok: false, ms: performance.now() - call.started, errorCode: 'Disconnected' });
          this.pending.delete(id);
        }
        this.onClose?.();
      });
      socket.on('message', (data) => this.onMessage(data.toString()));
    });
  }

  /**
   * Sends a CALL once the charger's previous one is answered (or timed out), as OCPP-J asks of a charge
   * point: the server handles a charger's calls in order, so pipelining them would add queueing no real
   * fleet causes. The time counts from the request, not from the send, so a call that waits behind a
   * slow answer is measured with its wait (the load stays open loop).
   */
  call(action: string, payload: unknown): Promise<CallOutcome> {
    const requested = performance.now();
    const outcome = this.previousCall.then(() => this.send(action, payload)).then((result) => ({ ...result, ms: performance.now() - requested }));
    this.previousCall = outcome;
    return outcome;
  }

  private send(action: string, payload: unknown): Promise<CallOutcome> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.resolve({ ok: false, ms: 0, errorCode: 'NotConnected' });
    const uniqueId = (++uniqueCounter).toString(36) + process.pid.toString(36);
    return new Promise((resolve) => {
      const started = performance.now();
      const timer = setTimeout(() => {
        this.pending.delete(uniqueId);
        resolve({ ok: false, ms: performance.now() - started, errorCode: 'Timeout' });
      }, this.callTimeoutMs);
      this.pending.set(uniqueId, { started, resolve, timer });
      socket.send(JSON.stringify([2, uniqueId, action, payload]));
    });
  }

  close(): void {
    this.socket?.terminate();
  }

  private onMessage(text: string): void {
    let frame: any[];
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    const [type, uniqueId] = frame;
    if (type === 2) {
      this.csmsCalls++;
      this.socket?.send(JSON.stringify([3, uniqueId, this.answerCsms(frame[2], frame[3])]));
      return;
    }
    const call = this.pending.get(uniqueId);
    if (!call) return;
    this.pending.delete(uniqueId);
    clearTimeout(call.timer);
    const ms = performance.now() - call.started;
    call.resolve(type === 3 ? { ok: true, ms, payload: frame[2] } : { ok: false, ms, errorCode: String(frame[2]) });
  }
}
